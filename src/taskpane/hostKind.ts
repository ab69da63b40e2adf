import type { PiloteHost } from '../host/host';
import type { FileHost } from '../host/fileHost';

/** The pane runs outside Excel, on a file (or the example) held in this browser. */
export function isFileHost(host: PiloteHost): host is FileHost {
  return host.kind === 'file';
}
