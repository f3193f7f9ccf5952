package dev.stsbridge.verifier.policy;

/** A statement's {@code Effect}. */
public enum Effect { ALLOW, DENY }
