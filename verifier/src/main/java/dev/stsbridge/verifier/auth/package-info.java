/**
 * Step "authenticate" of the Query API: AWS Signature Version 4 recomputed with AWS's own signer and compared in
 * constant time, the model's accounts and their access keys, and the temporary credentials STS issued.
 */
package dev.stsbridge.verifier.auth;
