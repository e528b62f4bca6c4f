package dev.mcpinspector.mcp.engine;

import dev.mcpinspector.core.outbound.OutboundDecision;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a host when the HTTP client opens a connection and applies the outbound policy to the
 * addresses it will actually connect to: DNS rebinding between the check at add-server and the
 * connect is refused. Resolution (which may block) runs on the client's executor.
 */
final class PolicyResolver implements SocketAddressResolver {

  private final OutboundPolicy policy;
  private final Executor executor;

  PolicyResolver(OutboundPolicy policy, Executor executor) {
    this.policy = policy;
    this.executor = executor;
  }

  @Override
  public void resolve(
      String host,
      int port,
      Map<String, Object> context,
      Promise<List<InetSocketAddress>> promise) {
    executor.execute(
        () -> {
          try {
            OutboundDecision d = policy.checkConnect(host);
            if (!d.allowed()) {
              promise.failed(new ConnectRefusedException(d));
              return;
            }
            List<InetSocketAddress> out = new ArrayList<>();
            for (InetAddress a : d.addresses()) {
              out.add(new InetSocketAddress(a, port));
            }
            promise.succeeded(out);
          } catch (RuntimeException e) {
            promise.failed(e);
          }
        });
  }

  /** The policy refused the address a connection was about to use. */
  static final class ConnectRefusedException extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final transient OutboundDecision decision;

    ConnectRefusedException(OutboundDecision decision) {
      super(decision.detail());
      this.decision = decision;
    }

    OutboundDecision decision() {
      return decision;
    }
  }
}
