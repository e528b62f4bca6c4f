package dev.mcpinspector.servlet.sse;

import dev.mcpinspector.servlet.ApiConfig;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SSE response, written without blocking: bytes are written only while {@link
 * ServletOutputStream#isReady()} is true, and writing resumes in {@link #onWritePossible()}. No
 * thread waits for a stream: work is triggered by the container (write possible), by the source
 * (events ready) and by the heartbeat timer, and runs on one thread at a time (the {@code wip}
 * counter elects the thread that drains; signals that arrive meanwhile make it loop again).
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class SseStream implements WriteListener, AsyncListener {

  private static final Logger log = LoggerFactory.getLogger(SseStream.class);

  private final AsyncContext async;
  private final ServletOutputStream out;
  private final SseSource source;
  private final Runnable onEnd;
  private final ScheduledExecutorService scheduler;
  private final ApiConfig config;

  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean heartbeatDue;
  private volatile ScheduledFuture<?> heartbeat;

  // Touched only by the draining thread (guarded by wip).
  private boolean retrySent;
  private boolean flushPending;

  // Set by the container thread before it competes for wip.
  private volatile boolean listening;

  private SseStream(
      AsyncContext async,
      ServletOutputStream out,
      SseSource source,
      Runnable onEnd,
      ScheduledExecutorService scheduler,
      ApiConfig config) {
    this.async = async;
    this.out = out;
    this.source = source;
    this.onEnd = onEnd;
    this.scheduler = scheduler;
    this.config = config;
  }

  /**
   * Starts the stream on a request already put in async mode, with headers set. From here on the
   * stream owns the response and ends it.
   *
   * @param async the request's async context
   * @param out the response output stream
   * @param source where events come from
   * @param onEnd run once when the stream ends
   * @param scheduler runs heartbeats and writes
   * @param config heartbeat and buffer settings
   * @return the running stream
   */
  public static SseStream start(
      AsyncContext async,
      ServletOutputStream out,
      SseSource source,
      Runnable onEnd,
      ScheduledExecutorService scheduler,
      ApiConfig config) {
    SseStream stream = new SseStream(async, out, source, onEnd, scheduler, config);
    long period = config.heartbeatInterval().toMillis();
    try {
      async.addListener(stream);
      stream.heartbeat =
          scheduler.scheduleAtFixedRate(
              stream::heartbeatTick, period, period, TimeUnit.MILLISECONDS);
      source.onReady(stream::signalFromOtherThread);
      // The container calls onWritePossible once the listener is set; that first drain writes
      // the retry line and whatever the source already holds.
      out.setWriteListener(stream);
    } catch (RuntimeException e) {
      stream.end("could not start", e);
      throw e;
    }
    return stream;
  }

  @Override
  public void onWritePossible() {
    listening = true;
    if (wip.getAndIncrement() == 0) {
      drainLoop();
    }
  }

  @Override
  public void onError(Throwable t) {
    end("write failed", t);
  }

  @Override
  public void onComplete(AsyncEvent event) {
    end("completed", null);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    end("timed out", null);
  }

  @Override
  public void onError(AsyncEvent event) {
    end("async error", event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Not restarted: the stream owns the async context for its whole life.
  }

  boolean isEnded() {
    return ended.get();
  }

  private void heartbeatTick() {
    if (ended.get()) {
      ScheduledFuture<?> hb = heartbeat;
      if (hb != null) {
        hb.cancel(false);
      }
      return;
    }
    heartbeatDue = true;
    signalFromOtherThread();
  }

  /**
   * Source and timer signals never write on the caller's thread: the drain runs on the scheduler.
   */
  private void signalFromOtherThread() {
    if (ended.get()) {
      return;
    }
    if (wip.getAndIncrement() == 0) {
      try {
        scheduler.execute(this::drainLoop);
      } catch (RejectedExecutionException e) {
        end("scheduler shut down", null);
      }
    }
  }

  private void drainLoop() {
    int missed = 1;
    while (true) {
      try {
        // The monitor keeps end() (and with it the container's recycling of the response) from
        // overlapping a write: Tomcat reuses response objects, so a late write could land in
        // another request's response. Writes are non-blocking, so it is held only briefly.
        synchronized (this) {
          drain();
        }
      } catch (IOException e) {
        end("client gone", e);
      } catch (RuntimeException e) {
        end("failed", e);
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private void drain() throws IOException {
    // Until the container has called onWritePossible once, isReady() may not be used.
    if (!listening) {
      return;
    }
    while (!ended.get() && out.isReady()) {
      if (flushPending) {
        flushPending = false;
        out.flush();
        continue;
      }
      byte[] chunk = nextChunk();
      if (chunk == null) {
        return;
      }
      out.write(chunk);
      flushPending = true;
    }
  }

  /** The next bytes to send, or null when there is nothing (the stream may have ended). */
  private byte[] nextChunk() {
    if (!retrySent) {
      retrySent = true;
      return SseEncoder.retry(config.sseRetry());
    }
    boolean closed = source.isClosed();
    List<SseEvent> events = source.poll(config.sseBatchSize());
    if (!events.isEmpty()) {
      heartbeatDue = false;
      return SseEncoder.encode(events);
    }
    if (closed) {
      end("source closed", null);
      return null;
    }
    if (heartbeatDue) {
      heartbeatDue = false;
      return SseEncoder.HEARTBEAT;
    }
    return null;
  }

  /**
   * Ends the stream once: completes the response (never during a write), stops the timer, releases
   * the source and runs onEnd. Callable from any thread.
   *
   * @param reason why the stream ends (logged at debug)
   * @param cause the failure that ended it, or null
   */
  public void end(String reason, Throwable cause) {
    synchronized (this) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      try {
        async.complete();
      } catch (IllegalStateException e) {
        // Already completed by the container (client gone, shutdown).
      }
    }
    if (cause == null) {
      log.debug("SSE stream ended: {}", reason);
    } else {
      log.debug("SSE stream ended: {} ({})", reason, cause.toString());
    }
    ScheduledFuture<?> hb = heartbeat;
    if (hb != null) {
      hb.cancel(false);
    }
    try {
      source.close();
    } catch (RuntimeException e) {
      log.warn("SSE source failed to close", e);
    }
    try {
      onEnd.run();
    } catch (RuntimeException e) {
      log.warn("SSE on-end callback failed", e);
    }
  }
}
