package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.outbound.OutboundDecision;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.outbound.OutboundRefusal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link OAuthHttp#create}: one JDK client, redirects never followed, the policy checked on the URL
 * before each request (the addresses it resolves to are checked; a DNS answer that changes between
 * the check and the connection is not caught here).
 */
final class JdkOAuthHttp implements OAuthHttp {

  private final OutboundPolicy policy;
  private final int maxBytes;
  private final Duration timeout;
  private final HttpClient client;

  JdkOAuthHttp(OutboundPolicy policy, int maxBytes, Duration timeout) {
    this.policy = Objects.requireNonNull(policy, "policy must not be null");
    this.maxBytes = maxBytes;
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
  }

  @Override
  public Response send(Request request) {
    String url = request.uri().toString();
    OutboundDecision decision = policy.checkUrl(url);
    if (!decision.allowed()) {
      throw new OAuthException(
          decision.refusal() == OutboundRefusal.URL_FORBIDDEN
              ? ProblemCode.URL_FORBIDDEN
              : ProblemCode.BAD_REQUEST,
          "the OAuth URL " + url + " is refused by the outbound policy: " + decision.detail());
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(timeout);
    request.headers().forEach(b::header);
    if (request.body() == null) {
      b.method(request.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          request.method() + " " + url + " did not answer within " + timeout,
          e);
    } catch (IOException e) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          request.method() + " " + url + " failed: " + e.getClass().getSimpleName(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED, request.method() + " " + url + " was interrupted", e);
    }
    String body;
    try (InputStream in = response.body()) {
      body = readCapped(in, url);
    } catch (IOException e) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          "reading the answer of " + url + " failed: " + e.getClass().getSimpleName(),
          e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return new Response(response.statusCode(), headers, body);
  }

  private String readCapped(InputStream in, String url) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > maxBytes) {
        throw new OAuthException(
            ProblemCode.AUTHORIZATION_FAILED,
            "the answer of "
                + url
                + " is larger than "
                + maxBytes
                + " bytes (the OAuth response cap); refused");
      }
      out.write(buf, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
