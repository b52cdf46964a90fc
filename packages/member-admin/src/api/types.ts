// Response types of the back-office routes (docs/api.md, "The back office"), inferred from the server's route
// schemas through `hc<AppType>`. While a route has not landed on the server yet, its type falls back to the
// provisional shape below, copied from the contract; each fallback disappears by itself once the route exists.
import type { InferResponseType } from 'hono/client';
import type { HeraldClient, Permission } from '@herald/client';

type Api = HeraldClient['api'];
type Infer<F> = F extends (...args: never[]) => unknown ? InferResponseType<F, 200> : never;
/** An element of a list answer, whether the route answers an array or `{ items, nextCursor }`. */
type Item<L> = L extends Array<infer I> ? I : L extends { items: Array<infer I> } ? I : never;

// ---- provisional shapes (contract), used only until the route exists ----
interface ContractDepartment { id: string; name: string; parentId: string | null; path: string; sortOrder: number; headMemberId: string | null; headName: string | null; memberCount: number }
interface ContractPosition { id: string; name: string; level: number }
interface ContractMember {
  id: string; employeeNo: string; name: string; email: string | null; phone: string | null; departmentId: string | null; departmentName: string | null;
  extraDepartmentIds: string[]; positionId: string | null; positionName: string | null; disabled: boolean; mustChangePassword: boolean; locale: string | null;
  createdAt: number; updatedAt: number;
}
interface ContractMemberDetail extends ContractMember {
  grants: Array<{ id: string; roleId: string; roleName: string; departmentId: string | null; departmentName: string | null }>;
  effectivePermissions: Array<{ permission: Permission; departmentIds: string[] | null }>;
}
interface ContractRole { id: string; builtinKey: string | null; name: string; permissions: Permission[]; memberCount: number }
interface ContractContact {
  id: string; kind: 'customer' | 'partner'; name: string; company: string | null; title: string | null; email: string | null; phone: string | null;
  ownerMemberId: string | null; ownerName: string | null; tags: string[]; portalEnabled: boolean; disabled: boolean; createdAt: number; updatedAt: number;
}
interface ContractGroup { id: string; name: string; description: string | null; endsAt: number | null; ended: boolean; entryCount: number; memberCount: number }
interface ContractGroupEntry { id: string; kind: 'member' | 'department' | 'contact'; targetId: string; name: string; includeSubdepartments: boolean }
interface ContractImportBatch { id: string; kind: 'members' | 'contacts'; mode: 'add' | 'upsert'; status: string; fileName: string; rowCount: number; errorCount: number; createdAt: number }
interface ContractImportRow { rowNo: number; data: Record<string, string | null>; errors: Array<{ field: string; code: string; message: string }> }
interface ContractAuditEntry {
  id: string; at: number; actorKind: string; actorId: string | null; actorName: string | null; action: string; targetType: string; targetId: string | null;
  requestId: string | null; ip: string | null;
}
// -------------------------------------------------------------------------

type Or<T, Fallback> = [T] extends [never] ? Fallback : T;

export type Department = Or<Item<Infer<Api extends { departments: { $get: infer F } } ? F : never>>, ContractDepartment>;
export type Position = Or<Item<Infer<Api extends { positions: { $get: infer F } } ? F : never>>, ContractPosition>;
export type Member = Or<Item<Infer<Api extends { members: { $get: infer F } } ? F : never>>, ContractMember>;
export type MemberDetail = Or<Infer<Api extends { members: { ':id': { $get: infer F } } } ? F : never>, ContractMemberDetail>;
export type Grant = MemberDetail['grants'][number];
export type EffectivePermission = MemberDetail['effectivePermissions'][number];
export type Role = Or<Item<Infer<Api extends { roles: { $get: infer F } } ? F : never>>, ContractRole>;
export type Contact = Or<Item<Infer<Api extends { contacts: { $get: infer F } } ? F : never>>, ContractContact>;
export type Group = Or<Item<Infer<Api extends { groups: { $get: infer F } } ? F : never>>, ContractGroup>;
export type GroupEntry = Or<Infer<Api extends { groups: { ':id': { $get: infer F } } } ? F : never> extends { entries: Array<infer E> } ? E : never, ContractGroupEntry>;
export type ImportBatch = Or<Infer<Api extends { imports: { $post: infer F } } ? F : never>, ContractImportBatch>;
export type ImportRow = Or<Item<Infer<Api extends { imports: { ':id': { rows: { $get: infer F } } } } ? F : never>>, ContractImportRow>;
export type AuditEntry = Or<Item<Infer<Api extends { audit: { $get: infer F } } ? F : never>>, ContractAuditEntry>;
export type AuditDetail = AuditEntry & { before: unknown; after: unknown };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
