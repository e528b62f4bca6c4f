package dev.mcpinspector.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for tests: on a free loopback port, no persistence, in a temporary
 * directory. Where {@code redis-server} is missing the test is skipped, except under {@code
 * CI=true} ({@code .ci/run} installs it), where it fails.
 */
final class RedisServerProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private Process process;

  private RedisServerProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static RedisServerProcess start() throws IOException, InterruptedException {
    if (!onPath("redis-server")) {
      String msg = "redis-server is not installed (Debian: apt-get install redis-server)";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(msg);
      }
      Assumptions.abort(msg);
    }
    RedisServerProcess r =
        new RedisServerProcess(Files.createTempDirectory("inspector-redis"), freePort());
    r.startProcess();
    return r;
  }

  int port() {
    return port;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server (SIGKILL: nothing is flushed, as in a crash). */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  /** Starts it again on the same port, empty. */
  void restart() throws IOException, InterruptedException {
    kill();
    startProcess();
  }

  private void startProcess() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      if (pings()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer PING on port " + port);
  }

  private boolean pings() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[7];
      int n = s.getInputStream().read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroyForcibly();
      process = null;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
