// The two routes the urgent alert calls, through the client's authenticated fetch (docs/api.md "Reading").
import { ApiBase, type HeraldClient, type RpcBody } from '@herald/client';

type Api = HeraldClient['api'];

/** A Message as `GET /messages/{id}` answers it, inferred from the server's route schema. */
export type AlertMessage = RpcBody<Api['messages'][':id']['$get'], 200>;

export class AlertApi extends ApiBase {
  message = (id: string) => this.call<AlertMessage>('GET', `/messages/${encodeURIComponent(id)}`);
  confirm = (id: string) => this.call<unknown>('POST', `/mailbox/${encodeURIComponent(id)}/confirm`);
}
