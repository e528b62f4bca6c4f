package dev.mcpinspector.core.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an outbound policy check.
 *
 * @param refusal why it was refused, or null when allowed
 * @param detail a human-readable explanation naming the offending value and how to fix it; for an
 *     allowed decision a short note; never null
 * @param uri the parsed URL for an allowed URL check, otherwise null
 * @param addresses the addresses the host resolved to and that were checked (empty when no
 *     resolution was needed, for example in local mode or for an allowlisted host name); never
 *     null, copied
 */
public record OutboundDecision(
    OutboundRefusal refusal, String detail, URI uri, List<InetAddress> addresses) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param refusal see the record description
   * @param detail see the record description
   * @param uri see the record description
   * @param addresses see the record description
   */
  public OutboundDecision {
    Objects.requireNonNull(detail, "detail must not be null");
    addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses must not be null"));
  }

  /**
   * An allowed decision.
   *
   * @param detail a short note
   * @param uri the parsed URL, or null when the check was not about a URL
   * @param addresses the checked addresses
   * @return the decision
   */
  public static OutboundDecision allow(String detail, URI uri, List<InetAddress> addresses) {
    return new OutboundDecision(null, detail, uri, addresses);
  }

  /**
   * A refused decision.
   *
   * @param refusal why
   * @param detail the explanation, naming the value and the fix
   * @return the decision
   */
  public static OutboundDecision refuse(OutboundRefusal refusal, String detail) {
    return new OutboundDecision(
        Objects.requireNonNull(refusal, "refusal"), detail, null, List.of());
  }

  /**
   * Tells whether the connection may proceed.
   *
   * @return true when there is no refusal
   */
  public boolean allowed() {
    return refusal == null;
  }
}
