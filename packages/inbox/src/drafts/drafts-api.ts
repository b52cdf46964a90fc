import { ApiBase, type HeraldClient, type RpcBody as Body } from '@herald/client';

type Api = HeraldClient['api'];
type DraftWhole = Body<Api['drafts'][':id']['$get'], 200>;
/** A draft as the Drafts view lists it (`GET /drafts?fields=summary`, issue 20 #2): the whole draft less its data. */
export type DraftSummary = Omit<DraftWhole, 'data'>;

const seg = (id: string) => encodeURIComponent(id);

/** The Drafts view's routes (docs/api.md "Drafts"). */
export class DraftsApi extends ApiBase {
  list = async () =>
    (await this.call<{ items: DraftSummary[] }>('GET', '/drafts', { query: { fields: 'summary' } })).items;
  /** The whole draft: its state is kept for Undo before it is deleted. */
  whole = (id: string) => this.call<DraftWhole>('GET', `/drafts/${seg(id)}`);
  remove = (id: string) => this.call<void>('DELETE', `/drafts/${seg(id)}`);
  /** Undo: the deleted state saved again, as a new draft. */
  restore = (data: Record<string, unknown>) => this.call<DraftSummary>('POST', '/drafts', { json: { data } });
}
