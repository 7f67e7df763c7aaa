// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill
// loaded first: every module takes the library from here, so the order cannot go wrong.
import "reflect-metadata";

export { Name, X509Certificate, X509Crl } from "@peculiar/x509";
