export * from './namespace.js';
export * from './headers.js';
export * from './rpc-server.js';
export * from './rpc-client.js';
export * from './cloudevents.js';
export * from './jetstream.js';
export * from './nats.js';
