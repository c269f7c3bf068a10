declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** Milliseconds a table stays CREATING (default 500). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** A folder for LevelDB; in memory when unset. */
    path?: string;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}
