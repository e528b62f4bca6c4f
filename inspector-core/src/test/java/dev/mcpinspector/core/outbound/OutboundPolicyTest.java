package dev.mcpinspector.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.net.Cidr;
import dev.mcpinspector.core.net.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {

  /** Resolves only the names it was given and IP literals; never touches DNS. */
  static final class MapResolver implements HostResolver {
    private final Map<String, List<InetAddress>> names = new LinkedHashMap<>();
    final List<String> lookups = new ArrayList<>();

    MapResolver map(String host, String... addresses) {
      List<InetAddress> list = new ArrayList<>();
      for (String a : addresses) {
        list.add(IpLiterals.parse(a));
      }
      names.put(host, list);
      return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      lookups.add(host);
      List<InetAddress> mapped = names.get(host);
      if (mapped != null) {
        return mapped;
      }
      InetAddress literal = IpLiterals.parse(host);
      if (literal != null) {
        return List.of(literal);
      }
      if (host.chars().allMatch(Character::isDigit)) {
        // the JDK reads a bare decimal number as an IPv4 address; mirror it
        return List.of(InetAddress.getByName(host));
      }
      throw new UnknownHostException(host);
    }
  }

  private final MapResolver resolver =
      new MapResolver()
          .map("mcp.example.com", "93.184.216.34")
          .map("rebind.example.com", "127.0.0.1")
          .map("mixed.example.com", "93.184.216.34", "10.0.0.7")
          .map("v6.example.com", "2606:4700::1111")
          .map("internal.corp", "10.20.30.40");

  private OutboundPolicy hosted(String... allow) {
    OutboundConfig.Builder b = OutboundConfig.builder().mode(Mode.HOSTED);
    for (String a : allow) {
      b.allow(a);
    }
    return OutboundPolicy.create(b.build(), resolver);
  }

  private OutboundPolicy local() {
    return OutboundPolicy.create(OutboundConfig.defaults(), resolver);
  }

  @Nested
  class Stdio {
    @Test
    void refusedInHostedMode() {
      OutboundDecision d = hosted().checkStdio();
      assertEquals(OutboundRefusal.TRANSPORT_FORBIDDEN, d.refusal());
      assertEquals(403, d.refusal().status());
      assertEquals("transport_forbidden", d.refusal().code());
      assertEquals(
          "stdio servers are refused in hosted mode: they would start a process on the"
              + " inspector's host; use a streamable-http or sse server",
          d.detail());
    }

    @Test
    void allowedInLocalMode() {
      assertTrue(local().checkStdio().allowed());
    }
  }

  @Nested
  class MalformedUrls {
    @ParameterizedTest
    @ValueSource(strings = {"not a url", "http://exa mple.com/", "://x", "http://[::1/"})
    void malformedIsBadRequest(String url) {
      OutboundDecision d = hosted().checkUrl(url);
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal(), d.detail());
    }

    @Test
    void malformedMessageNamesTheUrl() {
      OutboundDecision d = local().checkUrl("http://exa mple.com/");
      assertTrue(d.detail().startsWith("url 'http://exa mple.com/' is malformed: "), d.detail());
    }

    @Test
    void otherSchemeIsBadRequestInEveryMode() {
      OutboundDecision d = local().checkUrl("file:///etc/passwd");
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
      assertEquals(
          "url scheme must be http or https, but was 'file' in 'file:///etc/passwd'", d.detail());
    }

    @Test
    void blankIsBadRequest() {
      assertEquals("url must not be blank", local().checkUrl(" ").detail());
    }

    @Test
    void userInfoIsRefused() {
      OutboundDecision d = local().checkUrl("https://user:pw@mcp.example.com/mcp");
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
      assertEquals(
          "url must not contain user info; pass credentials in a header such as Authorization",
          d.detail());
    }

    @Test
    void unresolvableHostIsBadRequest() {
      OutboundDecision d = hosted().checkUrl("https://nowhere.invalid/mcp");
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
      assertEquals(
          "host 'nowhere.invalid' of url 'https://nowhere.invalid/mcp' could not be resolved",
          d.detail());
    }
  }

  @Nested
  class HostedMode {
    @Test
    void publicHttpsHostIsAllowedWithItsAddresses() {
      OutboundDecision d = hosted().checkUrl("https://mcp.example.com/mcp");
      assertTrue(d.allowed(), d.detail());
      assertEquals("mcp.example.com", d.uri().getHost());
      assertEquals(List.of(IpLiterals.parse("93.184.216.34")), d.addresses());
    }

    @Test
    void plainHttpIsRefusedWithoutResolving() {
      OutboundDecision d = hosted().checkUrl("http://mcp.example.com/mcp");
      assertEquals(OutboundRefusal.URL_FORBIDDEN, d.refusal());
      assertEquals(
          "only https URLs are allowed in hosted mode, but got 'http://mcp.example.com/mcp'; an"
              + " operator can exempt an internal server in INSPECTOR_OUTBOUND_ALLOW",
          d.detail());
      assertEquals(List.of(), resolver.lookups);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://127.0.0.1/mcp",
          "https://127.1.2.3/",
          "https://169.254.169.254/latest/meta-data",
          "https://[::1]/mcp",
          "https://10.0.0.1/",
          "https://172.16.5.4/",
          "https://192.168.1.1/",
          "https://100.64.0.1/",
          "https://0.0.0.0/",
          "https://[::]/",
          "https://[fd12:3456::1]/",
          "https://[fe80::1]/",
          "https://224.0.0.1/",
          "https://[ff02::1]/",
          "https://255.255.255.255/",
          "https://[::ffff:127.0.0.1]/",
          "https://[::ffff:169.254.169.254]/",
          "https://[::127.0.0.1]/",
          "https://[64:ff9b::a00:1]/",
          "https://[2002:7f00:1::]/",
          "https://2130706433/",
          "https://rebind.example.com/mcp",
          "https://mixed.example.com/mcp"
        })
    void specialAddressesAreRefused(String url) {
      OutboundDecision d = hosted().checkUrl(url);
      assertEquals(OutboundRefusal.URL_FORBIDDEN, d.refusal(), url + " -> " + d.detail());
    }

    @Test
    void refusalNamesHostAddressAndCategory() {
      assertEquals(
          "host 'rebind.example.com' resolves to 127.0.0.1, a loopback address, which hosted mode"
              + " refuses; an operator can allow it in INSPECTOR_OUTBOUND_ALLOW",
          hosted().checkUrl("https://rebind.example.com/mcp").detail());
      assertEquals(
          "host '169.254.169.254' resolves to 169.254.169.254, a link-local (incl. cloud metadata"
              + " 169.254.169.254) address, which hosted mode refuses; an operator can allow it in"
              + " INSPECTOR_OUTBOUND_ALLOW",
          hosted().checkUrl("https://169.254.169.254/").detail());
      assertTrue(
          hosted()
              .checkUrl("https://[::127.0.0.1]/")
              .detail()
              .contains("a loopback, embedded in an IPv6 address address"),
          hosted().checkUrl("https://[::127.0.0.1]/").detail());
    }

    @Test
    void publicIpv6IsAllowed() {
      assertTrue(hosted().checkUrl("https://v6.example.com/").allowed());
      assertTrue(hosted().checkUrl("https://[2606:4700::1111]/").allowed());
    }

    @Test
    void allowlistedCidrExemptsAddressesAndHttp() {
      OutboundPolicy p = hosted("10.20.0.0/16");
      assertTrue(p.checkUrl("http://internal.corp:8080/mcp").allowed());
      assertTrue(p.checkUrl("https://10.20.1.1/").allowed());
      assertEquals(OutboundRefusal.URL_FORBIDDEN, p.checkUrl("https://10.21.0.1/").refusal());
      assertEquals(
          OutboundRefusal.URL_FORBIDDEN,
          p.checkUrl("http://mcp.example.com/").refusal(),
          "a public host not covered by the allowlist still needs https");
    }

    @Test
    void allowlistedHostNameSkipsResolution() {
      OutboundPolicy p = hosted("internal.corp", "*.svc.local");
      assertTrue(p.checkUrl("http://internal.corp/mcp").allowed());
      assertTrue(p.checkUrl("http://a.b.svc.local/mcp").allowed());
      assertFalse(p.checkUrl("http://svc.local/mcp").allowed());
      assertEquals(List.of(), resolver.lookups);
    }

    @Test
    void loopbackAllowlistEntryAllowsLocalServer() {
      assertTrue(hosted("127.0.0.1").checkUrl("http://127.0.0.1:8080/mcp").allowed());
      assertTrue(hosted("::1").checkUrl("http://[::1]:8080/mcp").allowed());
    }
  }

  @Nested
  class LocalMode {
    @Test
    void everyHttpUrlIsAllowedWithoutResolving() {
      OutboundPolicy p = local();
      assertTrue(p.checkUrl("http://127.0.0.1:3000/mcp").allowed());
      assertTrue(p.checkUrl("http://localhost:3000/mcp").allowed());
      assertTrue(p.checkUrl("http://169.254.169.254/").allowed());
      assertEquals(List.of(), resolver.lookups);
    }
  }

  @Nested
  class Headers {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "Host", "host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
          "Upgrade", "TE", "Trailer", "Proxy-Authorization", "Mcp-Session-Id", "Accept"
        })
    void forbiddenHeaderIsRefusedByName(String name) {
      OutboundDecision d = local().checkHeaders(Map.of(name, "x"));
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
      assertEquals(
          "header '"
              + name
              + "' may not be set on a connection: hop-by-hop, framing, Host and"
              + " transport-managed headers are refused",
          d.detail());
    }

    @Test
    void authorizationAndCustomHeadersAreAllowed() {
      assertTrue(
          hosted().checkHeaders(Map.of("Authorization", "Bearer abc", "X-Api-Key", "k")).allowed());
      assertTrue(local().checkHeaders(null).allowed());
    }

    @Test
    void headerInjectionIsRefused() {
      OutboundDecision d = local().checkHeaders(Map.of("X-A", "v\r\nHost: evil"));
      assertEquals(
          "header 'X-A' contains a control character at index 1; header values may hold only"
              + " visible ASCII, space and tab",
          d.detail());
      assertEquals(
          "header name 'Bad Name' is not a valid HTTP header name",
          local().checkHeaders(Map.of("Bad Name", "v")).detail());
    }

    @Test
    void nonAsciiHeaderValueIsRefusedNamingTheIndex() {
      OutboundDecision d = local().checkHeaders(Map.of("X-A", "caf\u00e9"));
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
      assertEquals(
          "header 'X-A' contains a non-ASCII character at index 3; header values may hold only"
              + " visible ASCII, space and tab",
          d.detail());
      assertTrue(local().checkHeaders(Map.of("X-A", "a b\t~!")).allowed());
    }
  }

  @Nested
  class ConnectTime {
    @Test
    void hostedRefusesALoopbackAnswerAtConnectTime() throws Exception {
      OutboundDecision d =
          hostedWith(host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
              .checkConnect("rebind.example.com");
      assertEquals(OutboundRefusal.URL_FORBIDDEN, d.refusal());
      assertEquals(
          "host 'rebind.example.com' resolves to 127.0.0.1, a loopback address, which hosted mode"
              + " refuses; an operator can allow it in INSPECTOR_OUTBOUND_ALLOW",
          d.detail());
    }

    @Test
    void hostedAllowsPublicAddressesAndReturnsThem() throws Exception {
      InetAddress pub =
          InetAddress.getByAddress("pub.example.com", new byte[] {93, (byte) 184, 1, 2});
      OutboundDecision d = hostedWith(host -> List.of(pub)).checkConnect("pub.example.com");
      assertTrue(d.allowed());
      assertEquals(List.of(pub), d.addresses());
    }

    @Test
    void unresolvableHostIsBadRequest() {
      OutboundDecision d =
          hostedWith(
                  host -> {
                    throw new java.net.UnknownHostException(host);
                  })
              .checkConnect("nowhere.example.com");
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
      assertEquals("host 'nowhere.example.com' could not be resolved", d.detail());
    }

    private OutboundPolicy hostedWith(HostResolver r) {
      return OutboundPolicy.create(OutboundConfig.builder().mode(Mode.HOSTED).build(), r);
    }
  }

  @Nested
  class Config {
    @Test
    void allowSplitsHostsAndCidrs() {
      OutboundConfig.Builder b = OutboundConfig.builder().mode(Mode.HOSTED).maxServersPerSession(3);
      for (String entry : List.of("10.0.0.0/8", " mcp.internal ", "[fd00::]/8", "*.svc.local")) {
        b.allow(entry);
      }
      OutboundConfig c = b.build();
      assertEquals(Mode.HOSTED, c.mode());
      assertEquals(List.of("mcp.internal", "*.svc.local"), c.allowedHosts());
      assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")), c.allowedCidrs());
      assertEquals(3, c.maxServersPerSession());
    }

    @Test
    void defaults() {
      OutboundConfig c = OutboundConfig.defaults();
      assertEquals(Mode.LOCAL, c.mode());
      assertEquals(10, c.maxServersPerSession());
      assertEquals(List.of(), c.allowedHosts());
      assertEquals(List.of(), c.allowedCidrs());
    }

    @Test
    void badValuesNameTheSetting() {
      assertEquals(
          "maxServersPerSession must be positive, but was 0",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> OutboundConfig.builder().maxServersPerSession(0))
              .getMessage());
      assertEquals(
          "'10.0.0.0/33' has prefix /33, but the longest prefix is /32",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> OutboundConfig.builder().allow("10.0.0.0/33"))
              .getMessage());
      assertEquals(
          "allowlist entry 'bad_host!' is neither an IP address, a CIDR (10.0.0.0/8, fd00::/8), a"
              + " host name (mcp.internal) nor a wildcard (*.internal.example)",
          assertThrows(
                  IllegalArgumentException.class, () -> OutboundConfig.builder().allow("bad_host!"))
              .getMessage());
    }
  }

  @Nested
  class HttpWithACidrAllowlist {
    @Test
    void anUnresolvableNameSaysBothReasons() {
      OutboundDecision d = hosted("10.0.0.0/8").checkUrl("http://some.name/mcp");
      assertEquals(OutboundRefusal.URL_FORBIDDEN, d.refusal());
      assertEquals(
          "only https URLs are allowed in hosted mode, unless the host resolves to an address in"
              + " INSPECTOR_OUTBOUND_ALLOW; url 'http://some.name/mcp' is http and its host"
              + " 'some.name' could not be resolved",
          d.detail());
    }

    @Test
    void aNameResolvingIntoTheAllowlistIsAllowedOverHttp() {
      assertTrue(hosted("10.0.0.0/8").checkUrl("http://internal.corp/mcp").allowed());
    }

    @Test
    void anUnresolvableHttpsNameIsStillABadRequest() {
      OutboundDecision d = hosted("10.0.0.0/8").checkUrl("https://some.name/mcp");
      assertEquals(OutboundRefusal.BAD_REQUEST, d.refusal());
    }
  }

  @Nested
  class Cidrs {
    @Test
    void hostBitsAreCleared() {
      assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.1.2.3/8"));
      assertEquals("10.0.0.0/8", Cidr.parse("10.1.2.3/8").toString());
    }

    @Test
    void containsRespectsPartialBytes() {
      Cidr c = Cidr.parse("100.64.0.0/10");
      assertTrue(c.contains(IpLiterals.parse("100.127.255.255")));
      assertFalse(c.contains(IpLiterals.parse("100.128.0.0")));
      assertFalse(c.contains(IpLiterals.parse("::1")));
    }

    @Test
    void hostNameIsNeverResolved() {
      assertEquals(
          "'localhost' is not an IP address or CIDR (expected for example 10.0.0.0/8 or fc00::/7)",
          assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost")).getMessage());
    }

    @Test
    void publicAddressIsNotSpecial() {
      assertNull(SpecialAddresses.classify(IpLiterals.parse("8.8.8.8")));
      assertNull(SpecialAddresses.classify(IpLiterals.parse("2606:4700::1111")));
    }
  }
}
