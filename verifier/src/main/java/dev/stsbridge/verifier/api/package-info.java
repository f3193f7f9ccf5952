/**
 * The IAM and STS actions of the Query API: each reads its parameters, calls the IAM model or the STS pipeline in the
 * caller's account and writes AWS's result shape.
 */
package dev.stsbridge.verifier.api;
