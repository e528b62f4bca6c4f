package dev.mcpinspector.core.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a saved server.
 *
 * <pre>
 * "MIS" 0x01                       magic and format version
 * u32 length, public part          id, transport, url, command, args, protocol, roots, savedAt
 * sealed rest                      EncryptionKeys.seal(headers, env, tokens; aad)
 * aad = "saved-server" 0 owner 0 id 0 || public part
 * </pre>
 *
 * The public part is in clear (so a rotation or an operator can tell what a record is) but is bound
 * by the GCM tag, as are the owner and id: a record moved, edited or truncated fails to open.
 */
final class SavedServerCodec {

  private static final byte[] MAGIC = {'M', 'I', 'S', 1};
  private static final int MAX_ITEMS = 10_000;

  private SavedServerCodec() {}

  static byte[] encode(Owner owner, SavedServer s, EncryptionKeys keys) {
    byte[] pub = publicPart(s);
    byte[] secret = secretPart(s);
    byte[] sealed = keys.seal(secret, aad(owner, s.id(), pub));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(pub.length + sealed.length + 8);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(pub.length);
      out.write(pub);
      out.write(sealed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Opens a record.
   *
   * @throws EncryptionKeys.SealException CORRUPT or UNKNOWN_KEY
   */
  static SavedServer decode(Owner owner, String key, byte[] record, EncryptionKeys keys) {
    Parts p = split(record);
    byte[] secret = keys.open(p.sealed, aad(owner, key, p.pub));
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(p.pub));
      String id = in.readUTF();
      String transport = in.readUTF();
      String url = optional(in);
      String command = optional(in);
      List<String> args = new ArrayList<>();
      for (int i = count(in); i > 0; i--) {
        args.add(in.readUTF());
      }
      String protocol = optional(in);
      List<SavedServer.Root> roots = new ArrayList<>();
      for (int i = count(in); i > 0; i--) {
        roots.add(new SavedServer.Root(in.readUTF(), optional(in)));
      }
      Instant savedAt = Instant.ofEpochMilli(in.readLong());
      DataInputStream sin = new DataInputStream(new ByteArrayInputStream(secret));
      Map<String, String> headers = map(sin);
      Map<String, String> env = map(sin);
      String tokens = sin.readBoolean() ? readLong(sin) : null;
      if (!id.equals(key)) {
        throw corrupt("stored id '" + id + "' differs from its key");
      }
      return new SavedServer(
          id, transport, url, command, args, protocol, roots, headers, env, tokens, savedAt);
    } catch (IOException | IllegalArgumentException e) {
      // Authenticated but unreadable: written by a newer or broken version.
      throw corrupt("unreadable record: " + e.getMessage());
    }
  }

  /** Whether a record's sealed part names the first key; false for anything unreadable. */
  static boolean sealedUnderPrimary(byte[] record, EncryptionKeys keys) {
    try {
      return keys.sealedUnderPrimary(split(record).sealed);
    } catch (EncryptionKeys.SealException e) {
      return false;
    }
  }

  private record Parts(byte[] pub, byte[] sealed) {}

  private static Parts split(byte[] r) {
    if (r.length < MAGIC.length + 4 || !java.util.Arrays.equals(r, 0, 4, MAGIC, 0, 4)) {
      throw corrupt("not a saved-server record (bad magic or version)");
    }
    int len = ((r[4] & 0xff) << 24) | ((r[5] & 0xff) << 16) | ((r[6] & 0xff) << 8) | (r[7] & 0xff);
    if (len < 0 || len > r.length - 8) {
      throw corrupt("public part length " + len + " exceeds the record");
    }
    byte[] pub = java.util.Arrays.copyOfRange(r, 8, 8 + len);
    byte[] sealed = java.util.Arrays.copyOfRange(r, 8 + len, r.length);
    return new Parts(pub, sealed);
  }

  private static byte[] publicPart(SavedServer s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(s.id());
      out.writeUTF(s.transport());
      optional(out, s.url());
      optional(out, s.command());
      out.writeInt(s.args().size());
      for (String a : s.args()) {
        out.writeUTF(a);
      }
      optional(out, s.protocolVersion());
      out.writeInt(s.roots().size());
      for (SavedServer.Root root : s.roots()) {
        out.writeUTF(root.uri());
        optional(out, root.name());
      }
      out.writeLong(s.savedAt().toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "saved server '" + s.id() + "' has a value too long to store", e);
    }
    return bytes.toByteArray();
  }

  private static byte[] secretPart(SavedServer s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      map(out, s.headers());
      map(out, s.env());
      out.writeBoolean(s.oauthTokens() != null);
      if (s.oauthTokens() != null) {
        byte[] t = s.oauthTokens().getBytes(StandardCharsets.UTF_8);
        out.writeInt(t.length);
        out.write(t);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] aad(Owner owner, String id, byte[] pub) {
    byte[] head =
        ("saved-server\0" + owner.value() + "\0" + id + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] aad = new byte[head.length + pub.length];
    System.arraycopy(head, 0, aad, 0, head.length);
    System.arraycopy(pub, 0, aad, head.length, pub.length);
    return aad;
  }

  private static void optional(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void map(DataOutputStream out, Map<String, String> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
      out.writeInt(v.length);
      out.write(v);
    }
  }

  private static Map<String, String> map(DataInputStream in) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = count(in); i > 0; i--) {
      m.put(in.readUTF(), readLong(in));
    }
    return m;
  }

  private static String readLong(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 16 * 1024 * 1024) {
      throw new IOException("value length " + n + " out of range");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_ITEMS) {
      throw new IOException("count " + n + " out of range");
    }
    return n;
  }

  private static EncryptionKeys.SealException corrupt(String detail) {
    return new EncryptionKeys.SealException(SkippedRecord.Reason.CORRUPT, detail);
  }
}
