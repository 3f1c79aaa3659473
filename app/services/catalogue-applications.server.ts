import { sql } from 'kysely'
import type { DB } from '../../db/client'
import { hasPermission, type Actor } from '~/domain/permissions'
import type { MessageKey } from '~/lib/i18n'
import type { StoredFile } from '~/lib/storage.server'
import { escapeLike, recordAudit, type AuditContext } from './audit.server'
import { getRules } from './catalogue.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'
import { membershipStateSql } from './memberships.server'

// Pre-qualification (入库申请): a supplier applies to a category with its company data, the documents the category
// requires and a signed commitment (承诺书); the centre approves with a validity, rejects, or sends it back with a
// reason the supplier answers. A renewal is the same, shorter: the company data and documents on file carry over.

export interface CompanyData {
  contactName: string
  contactPhone: string
  address: string
  introduction: string
}

export interface ApplicationInput {
  categoryCode: string
  company: CompanyData
  commitmentSignedBy: string
  documents: { qualificationKey: string; file: StoredFile }[]
}

function requireSupplier(actor: Actor): number {
  if (actor.role !== 'supplier' || !actor.organizationId) throw new ForbiddenError()
  return actor.organizationId
}

/** Submits a new application or a renewal. Renewal when a membership exists that was not removed. */
export async function submitApplication(db: DB, ctx: AuditContext & { actor: Actor }, input: ApplicationInput) {
  const orgId = requireSupplier(ctx.actor)
  return db
    .transaction()
    .execute(async (trx) => {
      const category = await trx.selectFrom('categories').select('code').where('code', '=', input.categoryCode).executeTakeFirst()
      if (!category) throw new FieldError('categoryCode', 'field.invalidChoice')
      const org = await trx.selectFrom('organizations').select(['status']).where('id', '=', orgId).executeTakeFirstOrThrow()
      if (org.status !== 'active') throw new ForbiddenError()
      const open = await trx
        .selectFrom('applications')
        .select('id')
        .where('organization_id', '=', orgId)
        .where('category_code', '=', input.categoryCode)
        .where('status', 'in', ['submitted', 'returned'])
        .executeTakeFirst()
      if (open) throw new FieldError('categoryCode', 'cat.app.alreadyOpen')
      const membership = await trx
        .selectFrom('memberships')
        .select(['id', 'status', membershipStateSql.as('state')])
        .where('organization_id', '=', orgId)
        .where('category_code', '=', input.categoryCode)
        .executeTakeFirst()
      const renewal = !!membership && membership.status !== 'removed'
      if (membership?.state === 'suspended') throw new FieldError('categoryCode', 'cat.app.suspended')
      if (renewal && membership.state === 'active') throw new FieldError('categoryCode', 'cat.app.notYetRenewable')

      const rules = await getRules(trx, input.categoryCode)
      const given = new Set(input.documents.map((d) => d.qualificationKey))
      const known = new Set(rules.qualifications.map((q) => q.key))
      for (const d of input.documents) if (!known.has(d.qualificationKey)) throw new FieldError(`doc.${d.qualificationKey}`, 'field.invalidChoice')
      if (!renewal) {
        for (const q of rules.qualifications) if (q.required && !given.has(q.key)) throw new FieldError(`doc.${q.key}`, 'cat.app.documentRequired')
      }

      const app = await trx
        .insertInto('applications')
        .values({
          organization_id: orgId,
          category_code: input.categoryCode,
          kind: renewal ? 'renewal' : 'new',
          company: JSON.stringify(input.company),
          commitment_signed_by: input.commitmentSignedBy,
          submitted_by: ctx.actor.id,
          membership_id: renewal ? membership.id : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const docs: { application_id: number; qualification_key: string; file_name: string; content_type: string; size_bytes: number; sha256: string; storage_key: string }[] = input.documents.map((d) => ({
        application_id: app.id,
        qualification_key: d.qualificationKey,
        file_name: d.file.fileName,
        content_type: d.file.contentType,
        size_bytes: d.file.sizeBytes,
        sha256: d.file.sha256,
        storage_key: d.file.storageKey,
      }))
      if (renewal) {
        // The documents on file carry over unless replaced.
        const previous = await trx
          .selectFrom('application_documents')
          .innerJoin('applications', 'applications.id', 'application_documents.application_id')
          .where('applications.organization_id', '=', orgId)
          .where('applications.category_code', '=', input.categoryCode)
          .where('applications.status', '=', 'approved')
          .select(['qualification_key', 'file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key'])
          .orderBy('application_documents.id', 'desc')
          .execute()
        const seen = new Set(given)
        for (const p of previous) {
          if (seen.has(p.qualification_key)) continue
          seen.add(p.qualification_key)
          docs.push({ application_id: app.id, ...p })
        }
      }
      if (docs.length) await trx.insertInto('application_documents').values(docs).execute()
      await trx.insertInto('application_notes').values({ application_id: app.id, kind: 'submitted', body: '', author_user_id: ctx.actor.id }).execute()
      await recordAudit(trx, ctx, {
        action: renewal ? 'application.renewal_submitted' : 'application.submitted',
        entityType: 'application',
        entityId: app.id,
        payload: { organizationId: orgId, category: input.categoryCode, documents: docs.map((d) => ({ key: d.qualification_key, sha256: d.sha256 })), commitmentSignedBy: input.commitmentSignedBy },
      })
      return app.id
    })
    .catch((err: unknown) => {
      if (err instanceof Error && /applications_open_key/.test(err.message)) throw new FieldError('categoryCode', 'cat.app.alreadyOpen')
      throw err
    })
}

async function loadForActor(db: DB, actor: Actor, id: number) {
  const app = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()
  if (!app) throw new NotFoundError()
  if (!hasPermission(actor, 'read:catalogue') && actor.organizationId !== app.organization_id) throw new ForbiddenError()
  return app
}

export async function getApplication(db: DB, actor: Actor, id: number) {
  const app = await loadForActor(db, actor, id)
  const [org, category, documents, notes, rules] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'name', 'credit_code', 'region', 'status']).where('id', '=', app.organization_id).executeTakeFirstOrThrow(),
    db.selectFrom('categories').selectAll().where('code', '=', app.category_code).executeTakeFirstOrThrow(),
    db.selectFrom('application_documents').select(['id', 'qualification_key', 'file_name', 'content_type', 'size_bytes', 'sha256', 'created_at']).where('application_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('application_notes')
      .leftJoin('users', 'users.id', 'application_notes.author_user_id')
      .select(['application_notes.id', 'application_notes.kind', 'application_notes.body', 'application_notes.at', 'users.display_name'])
      .where('application_id', '=', id)
      .orderBy('application_notes.id')
      .execute(),
    getRules(db, app.category_code),
  ])
  const history = await db
    .selectFrom('applications')
    .select(['id', 'kind', 'status', 'created_at', 'reviewed_at', 'granted_until'])
    .where('organization_id', '=', app.organization_id)
    .where('category_code', '=', app.category_code)
    .where('id', '!=', id)
    .orderBy('id', 'desc')
    .execute()
  const { defaultUntil } = (
    await sql<{ defaultUntil: Date }>`select (now() + make_interval(months => ${rules.validityMonths}))::date::timestamptz as "defaultUntil"`.execute(db)
  ).rows[0]!
  return { app, org, category, documents, notes, rules, history, defaultUntil }
}

/** A document, for the centre, the supervisor and the applicant only. */
export async function getDocument(db: DB, actor: Actor, documentId: number) {
  const doc = await db.selectFrom('application_documents').selectAll().where('id', '=', documentId).executeTakeFirst()
  if (!doc) throw new NotFoundError()
  await loadForActor(db, actor, doc.application_id)
  return doc
}

export type ReviewDecision = { decision: 'approve'; validUntil: Date; reason: string } | { decision: 'reject' | 'return'; reason: string }

export async function reviewApplication(db: DB, ctx: AuditContext & { actor: Actor }, id: number, input: ReviewDecision) {
  if (!hasPermission(ctx.actor, 'manage:catalogue')) throw new ForbiddenError()
  await db.transaction().execute(async (trx) => {
    const app = await trx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!app) throw new NotFoundError()
    if (app.status !== 'submitted') throw new FieldError('decision', 'cat.app.notAwaitingReview')
    if (input.decision !== 'approve' && !input.reason) throw new FieldError('reason', 'field.required')
    if (input.decision === 'return') {
      await trx.updateTable('applications').set({ status: 'returned', decision_reason: input.reason, reviewed_by: ctx.actor.id, reviewed_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute()
      await trx.insertInto('application_notes').values({ application_id: id, kind: 'returned', body: input.reason, author_user_id: ctx.actor.id }).execute()
      await recordAudit(trx, ctx, { action: 'application.returned', entityType: 'application', entityId: id, payload: { reason: input.reason } })
      return
    }
    if (input.decision !== 'approve') {
      await trx.updateTable('applications').set({ status: 'rejected', decision_reason: input.reason, reviewed_by: ctx.actor.id, reviewed_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute()
      await trx.insertInto('application_notes').values({ application_id: id, kind: 'rejected', body: input.reason, author_user_id: ctx.actor.id }).execute()
      await recordAudit(trx, ctx, { action: 'application.rejected', entityType: 'application', entityId: id, payload: { reason: input.reason } })
      return
    }
    const validUntil = input.validUntil
    const check = (await sql<{ future: boolean; max: boolean }>`select ${validUntil}::timestamptz > now() + interval '1 day' as future,
      ${validUntil}::timestamptz <= now() + interval '61 months' as max`.execute(trx)).rows[0]!
    if (!check.future || !check.max) throw new FieldError('validUntil', 'cat.app.validUntilRange')
    const existing = await trx
      .selectFrom('memberships')
      .select(['id', 'valid_until', 'status'])
      .where('organization_id', '=', app.organization_id)
      .where('category_code', '=', app.category_code)
      .forUpdate()
      .executeTakeFirst()
    let membershipId: number
    if (existing) {
      // A renewal keeps the membership row (and its history); a re-admission after removal or expiry restarts it.
      const restart = existing.status === 'removed' || app.kind === 'new'
      await trx
        .updateTable('memberships')
        .set({
          status: 'active',
          valid_until: validUntil,
          ...(restart ? { valid_from: sql<Date>`now()` } : {}),
          suspended_until: null,
          suspension_reason: null,
          removal_reason: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', existing.id)
        .execute()
      membershipId = existing.id
    } else {
      const row = await trx
        .insertInto('memberships')
        .values({ organization_id: app.organization_id, category_code: app.category_code, valid_from: sql<Date>`now()`, valid_until: validUntil })
        .returning('id')
        .executeTakeFirstOrThrow()
      membershipId = row.id
    }
    await trx
      .updateTable('applications')
      .set({ status: 'approved', decision_reason: input.reason || null, granted_until: validUntil, membership_id: membershipId, reviewed_by: ctx.actor.id, reviewed_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute()
    await trx.insertInto('application_notes').values({ application_id: id, kind: 'approved', body: input.reason, author_user_id: ctx.actor.id }).execute()
    await recordAudit(trx, ctx, {
      action: 'application.approved',
      entityType: 'application',
      entityId: id,
      payload: { organizationId: app.organization_id, category: app.category_code, membershipId, validUntil: validUntil.toISOString(), kind: app.kind },
    })
  })
}

/** The supplier answers an application sent back: a reply and, if asked for, new documents. It goes back to review. */
export async function answerApplication(db: DB, ctx: AuditContext & { actor: Actor }, id: number, input: { reply: string; documents: { qualificationKey: string; file: StoredFile }[] }) {
  const orgId = requireSupplier(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const app = await trx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!app) throw new NotFoundError()
    if (app.organization_id !== orgId) throw new ForbiddenError()
    if (app.status !== 'returned') throw new FieldError('reply', 'cat.app.notReturned')
    const rules = await getRules(trx, app.category_code)
    const known = new Set(rules.qualifications.map((q) => q.key))
    for (const d of input.documents) if (!known.has(d.qualificationKey)) throw new FieldError(`doc.${d.qualificationKey}`, 'field.invalidChoice')
    if (input.documents.length) {
      await trx
        .insertInto('application_documents')
        .values(input.documents.map((d) => ({ application_id: id, qualification_key: d.qualificationKey, file_name: d.file.fileName, content_type: d.file.contentType, size_bytes: d.file.sizeBytes, sha256: d.file.sha256, storage_key: d.file.storageKey })))
        .execute()
    }
    await trx.updateTable('applications').set({ status: 'submitted', updated_at: sql`now()` }).where('id', '=', id).execute()
    await trx.insertInto('application_notes').values({ application_id: id, kind: 'reply', body: input.reply, author_user_id: ctx.actor.id }).execute()
    await recordAudit(trx, ctx, { action: 'application.answered', entityType: 'application', entityId: id, payload: { reply: input.reply, documents: input.documents.map((d) => ({ key: d.qualificationKey, sha256: d.file.sha256 })) } })
  })
}

export interface ApplicationFilters {
  status?: 'submitted' | 'returned' | 'approved' | 'rejected' | 'withdrawn'
  categoryCode?: string
  q?: string
  sort?: 'oldest' | 'newest'
  page: number
  pageSize: number
}

export async function listApplications(db: DB, actor: Actor, f: ApplicationFilters) {
  const own = !hasPermission(actor, 'read:catalogue')
  if (own && !actor.organizationId) throw new ForbiddenError()
  const base = db
    .selectFrom('applications')
    .innerJoin('organizations', 'organizations.id', 'applications.organization_id')
    .innerJoin('categories', 'categories.code', 'applications.category_code')
    .$if(own, (q) => q.where('applications.organization_id', '=', actor.organizationId!))
    .$if(!!f.status, (q) => q.where('applications.status', '=', f.status!))
    .$if(!!f.categoryCode, (q) => q.where('applications.category_code', '=', f.categoryCode!))
    .$if(!!f.q, (q) => q.where('organizations.name', 'ilike', `%${escapeLike(f.q!)}%`))
  const [rows, count] = await Promise.all([
    base
      .select([
        'applications.id',
        'applications.kind',
        'applications.status',
        'applications.category_code',
        'applications.created_at',
        'applications.reviewed_at',
        'applications.granted_until',
        'applications.decision_reason',
        'organizations.name as organization_name',
        'categories.name_zh',
        'categories.name_en',
        'categories.market',
      ])
      .orderBy('applications.created_at', f.sort === 'newest' ? 'desc' : 'asc')
      .orderBy('applications.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

/** Message keys for a file that was refused, by problem. */
export const UPLOAD_MESSAGES: Record<'empty' | 'tooLarge' | 'type' | 'mismatch', MessageKey> = {
  empty: 'cat.upload.empty',
  tooLarge: 'cat.upload.tooLarge',
  type: 'cat.upload.type',
  mismatch: 'cat.upload.mismatch',
}
