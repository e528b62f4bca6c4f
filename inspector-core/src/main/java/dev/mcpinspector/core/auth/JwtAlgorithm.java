package dev.mcpinspector.core.auth;

/** The JWS algorithms accepted for bearer tokens. {@code none} is never accepted. */
public enum JwtAlgorithm {
  /** HMAC with SHA-256 and a shared secret. */
  HS256,
  /** RSASSA-PKCS1-v1_5 with SHA-256 and an RSA public key. */
  RS256,
  /** ECDSA on P-256 with SHA-256 and an EC public key. */
  ES256
}
