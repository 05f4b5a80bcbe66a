package org.postern.milter.server;

import java.time.Duration;
import java.util.List;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ByteSize;
import org.postern.common.config.InvalidSettingException;
import org.postern.milter.codec.MilterFrameDecoder;
import org.postern.milter.filter.HandlerSettings;
import org.postern.milter.filter.MilterFilterRegistry;

/**
 * The {@code milter} config section.
 *
 * @param listen where Postfix connects ({@code smtpd_milters})
 * @param handlers the filter chain, in order
 * @param stageTimeout how long a filter may take per stage before the message gets TEMPFAIL
 * @param maxFrameSize the largest packet accepted from the MTA
 */
public record MilterSettings(
    ListenAddress listen,
    List<HandlerSettings> handlers,
    Duration stageTimeout,
    ByteSize maxFrameSize) {

  /** The default listen address, as documented for {@code postern stack}. */
  public static final String DEFAULT_LISTEN = "inet:127.0.0.1:8891";

  /**
   * The filter types of the default chain, in order; those not installed or needing settings are
   * left out, so without the dkim module the chain is add-header and log.
   */
  public static final List<String> DEFAULT_CHAIN = List.of("dkim-verify", "add-header", "log");

  /** Checks every key. */
  public MilterSettings {
    if (listen == null) {
      throw new InvalidSettingException("listen", "a listen address is needed");
    }
    if (handlers == null || handlers.isEmpty()) {
      throw new InvalidSettingException("handlers", "at least one handler is needed");
    }
    handlers = List.copyOf(handlers);
    if (stageTimeout == null || stageTimeout.isNegative() || stageTimeout.isZero()) {
      throw new InvalidSettingException("stage-timeout", "must be positive");
    }
    if (maxFrameSize == null
        || maxFrameSize.bytes() < 1024
        || maxFrameSize.bytes() > MilterFrameDecoder.MAX_FRAME_LENGTH_LIMIT) {
      throw new InvalidSettingException("max-frame-size", "must be between 1 KiB and 256 MiB");
    }
  }

  /**
   * Loopback port 8891, the {@link #DEFAULT_CHAIN} (DKIM verification when installed, adding {@code
   * X-Postern-Milter}, logging), 30 s, 1 MiB.
   */
  public static MilterSettings defaults() {
    return new MilterSettings(
        ListenAddress.parse(DEFAULT_LISTEN),
        MilterFilterRegistry.installed().defaultsOf(DEFAULT_CHAIN),
        MilterServer.DEFAULT_STAGE_TIMEOUT,
        ByteSize.ofBytes(MilterFrameDecoder.DEFAULT_MAX_FRAME_LENGTH));
  }
}
