export { startServer } from "./server.js";
export * from "./protocol.js";
