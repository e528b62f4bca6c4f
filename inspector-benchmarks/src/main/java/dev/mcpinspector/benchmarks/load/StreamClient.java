package dev.mcpinspector.benchmarks.load;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One SSE stream's line subscriber. For every {@code event: rpc} it reads the publish time the
 * driver put in the message ({@code "t":<nanoTime>}, same JVM) and records the publish-to-client
 * latency; for every {@code event: gap} it counts the lost range. Lines of one stream arrive in
 * order on one thread at a time, so the per-stream state needs no locking.
 */
final class StreamClient implements Flow.Subscriber<String> {

  /** Figures shared by every stream. */
  static final class Totals {
    final Recorder latency = new Recorder(3_600_000_000_000L, 3);
    final LongAdder received = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder ended = new LongAdder();
    final LongAdder failed = new LongAdder();
  }

  private static final String MARK = "\"t\":";

  private final Totals totals;
  private volatile Flow.Subscription subscription;
  private boolean gap;

  StreamClient(Totals totals) {
    this.totals = totals;
  }

  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (line.isEmpty()) {
      gap = false;
    } else if (line.startsWith("event: ")) {
      gap = line.equals("event: gap");
    } else if (line.startsWith("data: ")) {
      if (gap) {
        countGap(line);
      } else {
        int at = line.indexOf(MARK);
        if (at >= 0) {
          long sent = parseLong(line, at + MARK.length());
          totals.latency.recordValue(Math.max(0, System.nanoTime() - sent));
          totals.received.increment();
        }
      }
    }
  }

  private void countGap(String line) {
    int from = line.indexOf("\"from\":");
    int to = line.indexOf("\"to\":");
    if (from >= 0 && to >= 0) {
      totals.gaps.increment();
      totals.lost.add(parseLong(line, to + 5) - parseLong(line, from + 7) + 1);
    }
  }

  private static long parseLong(String s, int start) {
    long v = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  @Override
  public void onError(Throwable t) {
    totals.failed.increment();
  }

  @Override
  public void onComplete() {
    totals.ended.increment();
  }
}
