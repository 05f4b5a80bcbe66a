package org.postern.bench;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import org.postern.tcptable.MalformedTcpTableMessageException;
import org.postern.tcptable.TcpTableReply;
import org.postern.tcptable.TcpTableRequest;

/**
 * A tcp_table client as Postfix is one: encoded {@code get KEY} lines, replies up to 4096 bytes.
 */
final class TcpTableClientProtocol implements ClientProtocol {

  @Override
  public void configure(ChannelPipeline pipeline) {
    pipeline
        .addLast("line-decoder", new LineBasedFrameDecoder(TcpTableReply.POSTFIX_MAX_LENGTH))
        .addLast("string-decoder", new StringDecoder(StandardCharsets.UTF_8))
        .addLast("string-encoder", new StringEncoder(StandardCharsets.US_ASCII));
  }

  @Override
  public Object request(long n) {
    return new TcpTableRequest(ClientProtocol.lookupKey(n)).encode() + "\n";
  }

  @Override
  public ReplyOutcome classify(Object reply) {
    try {
      switch (TcpTableReply.parse((String) reply).status()) {
        case FOUND:
          return ReplyOutcome.FOUND;
        case NOT_FOUND:
          return ReplyOutcome.NOT_FOUND;
        default:
          return ReplyOutcome.ERROR;
      }
    } catch (MalformedTcpTableMessageException e) {
      return ReplyOutcome.ERROR;
    }
  }
}
