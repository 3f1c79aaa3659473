// The Remix options live here, in one place; vite.config.ts hands them to the Remix Vite plugin.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: 'app',
  // The browser tests build into a folder of their own (BUILD_DIR) so that two test runs never share one.
  buildDirectory: process.env.BUILD_DIR || 'build',
  serverModuleFormat: 'esm',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
}
