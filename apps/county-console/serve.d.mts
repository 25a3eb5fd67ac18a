// Types of serve.mjs for the TypeScript specs (tools/serve.spec.ts, tools/nginx-conf.spec.ts).
export declare const DEFAULT_PORT: number;
export declare const READY_PATH: string;
export declare const LIVE_PATH: string;
/** Paths the gateway answers; everything else is the console. */
export declare const PROXIED: readonly string[];
export declare const CSP: string;
export declare function isProxied(url: string): boolean;
export declare function startConsoleServer(options?: { port?: number; gatewayUrl?: string; root?: string; host?: string }): Promise<{ port: number; close(): Promise<void> }>;
