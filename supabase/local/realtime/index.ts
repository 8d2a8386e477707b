import type { Server } from "node:http";
import type { ServiceHandler, StackContext } from "../context.ts";
import { json } from "../http.ts";

export interface RealtimeService {
  stop(): Promise<void>;
}

/** Attaches `/realtime/v1/websocket` (Phoenix protocol) to the stack's HTTP server. Not implemented yet: upgrades are refused. */
export function attachRealtime(server: Server, _ctx: StackContext): RealtimeService {
  const refuse = (_request: unknown, socket: { end(data: string): void }) => {
    socket.end("HTTP/1.1 501 Not Implemented\r\ncontent-type: application/json\r\n\r\n" +
      JSON.stringify({ error: "Realtime is not supported by this local stack yet" }));
  };
  server.on("upgrade", refuse);
  return {
    async stop() {
      server.off("upgrade", refuse);
    },
  };
}

/** HTTP side of Realtime (`POST /realtime/v1/api/broadcast`). */
export const handleRealtimeHttp: ServiceHandler = async (_request, path) =>
  json({ message: `Realtime ${path} is not supported by this local stack yet` }, 501);
