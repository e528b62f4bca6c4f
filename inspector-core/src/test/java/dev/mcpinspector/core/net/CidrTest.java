package dev.mcpinspector.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void ipv4Network_containsItsAddressesOnly() {
    Cidr c = Cidr.parse("10.0.0.0/8");
    assertTrue(c.contains("10.255.1.2"));
    assertFalse(c.contains("11.0.0.1"));
    assertEquals("10.0.0.0/8", c.toString());
  }

  @Test
  void oddPrefix() {
    Cidr c = Cidr.parse("192.168.4.0/22");
    assertTrue(c.contains("192.168.7.255"));
    assertFalse(c.contains("192.168.8.0"));
  }

  @Test
  void bareAddress_isSingleHost() {
    Cidr c = Cidr.parse("203.0.113.7");
    assertTrue(c.contains("203.0.113.7"));
    assertFalse(c.contains("203.0.113.8"));
    assertEquals(32, c.prefixLength());
  }

  @Test
  void ipv6Network() {
    Cidr c = Cidr.parse("2001:db8::/32");
    assertTrue(c.contains("2001:db8:1::5"));
    assertTrue(c.contains("[2001:db8::1]"));
    assertFalse(c.contains("2001:db9::1"));
    assertFalse(c.contains("10.0.0.1"));
  }

  @Test
  void ipv4MappedAddresses_matchIpv4Networks_andViceVersa() {
    assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:10.1.2.3"));
    Cidr mapped = Cidr.parse("::ffff:10.0.0.0/104");
    assertEquals("10.0.0.0/8", mapped.toString());
    assertTrue(mapped.contains("10.9.9.9"));
  }

  @Test
  void zeroPrefix_matchesEverythingOfItsFamily() {
    assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
    assertTrue(Cidr.parse("::/0").contains("2001:db8::1"));
  }

  @Test
  void errors_nameTheValueAndWhatIsAccepted() {
    assertEquals(
        "'10.0.0.300/8' is not an IP address or CIDR (expected for example 10.0.0.0/8 or"
            + " fc00::/7)",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.300/8"))
            .getMessage());
    assertEquals(
        "'10.0.0.0/33' has prefix /33, but the longest prefix is /32",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage());
    assertEquals(
        "'10.0.0.1/8' has host bits set after the /8 prefix; did you mean 10.0.0.0/8?",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseExact("10.0.0.1/8"))
            .getMessage());
    assertEquals(
        "'::ffff:10.0.0.1/104' has host bits set after the /104 prefix; did you mean"
            + " 10.0.0.0/8?",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseExact("::ffff:10.0.0.1/104"))
            .getMessage());
    assertEquals(
        "'10.0.0.0/x' has an invalid prefix length 'x': expected an IPv4 or IPv6 address"
            + " with an optional /prefix, for example 10.0.0.0/8, 192.168.1.10 or 2001:db8::/32",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x")).getMessage());
  }

  @Test
  void hostNamesAndOddSpellings_areNotCidrs_andNeverResolved() {
    for (String bad :
        new String[] {
          "localhost",
          "example.com/8",
          "010.0.0.1",
          "1.2.3",
          "1.2.3.4.5",
          "fe80::1%eth0",
          "10.0.0.0/",
          "::ffff:10.0.0.0/8",
          "",
          "1.2.3.4/-1",
          "[1.2.3.4]"
        }) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
    }
  }

  @Test
  void parse_clearsHostBits_parseExact_refusesThem() {
    assertEquals(Cidr.parseExact("10.0.0.0/8"), Cidr.parse("10.1.2.3/8"));
    assertEquals(Cidr.parseExact("fd00::/8"), Cidr.parse("[fd12::1]/8"));
  }

  @Test
  void ipLiterals_unmapIpv4MappedButKeepOtherEmbeddedForms() {
    assertEquals(4, IpLiterals.parse("::ffff:127.0.0.1").getAddress().length);
    assertEquals(16, IpLiterals.parse("::127.0.0.1").getAddress().length);
    assertEquals(16, IpLiterals.parse("[64:ff9b::a00:1]").getAddress().length);
  }

  @Test
  void parseList_namesTheOption() {
    assertEquals(
        List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")),
        Cidr.parseList("INSPECTOR_TRUSTED_PROXIES", "10.0.0.0/8, ::1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cidr.parseList("INSPECTOR_TRUSTED_PROXIES", "10.0.0.0/8,proxy.local"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "INSPECTOR_TRUSTED_PROXIES entry 'proxy.local' is not an IP address or CIDR"),
        e.getMessage());
    assertEquals(
        "INSPECTOR_TRUSTED_PROXIES entry '10.0.0.1/8' has host bits set after the /8 prefix;"
            + " did you mean 10.0.0.0/8?",
        assertThrows(
                IllegalArgumentException.class,
                () -> Cidr.parseList("INSPECTOR_TRUSTED_PROXIES", "10.0.0.1/8"))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Cidr.parseList("INSPECTOR_TRUSTED_PROXIES", "10.0.0.0/8,,"));
  }
}
