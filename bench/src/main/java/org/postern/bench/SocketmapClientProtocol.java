package org.postern.bench;

import io.netty.channel.ChannelPipeline;
import org.postern.socketmap.MalformedSocketmapMessageException;
import org.postern.socketmap.NetstringDecoder;
import org.postern.socketmap.NetstringEncoder;
import org.postern.socketmap.SocketmapReply;
import org.postern.socketmap.SocketmapRequest;

/** A socketmap client as Postfix is one: netstrings within Postfix's limits, {@code MAP KEY}. */
final class SocketmapClientProtocol implements ClientProtocol {
  private final String map;

  SocketmapClientProtocol(String map) {
    this.map = map;
  }

  @Override
  public void configure(ChannelPipeline pipeline) {
    pipeline
        .addLast("netstring-decoder", new NetstringDecoder(SocketmapReply.POSTFIX_MAX_LENGTH))
        .addLast("netstring-encoder", new NetstringEncoder(SocketmapRequest.POSTFIX_MAX_LENGTH));
  }

  @Override
  public Object request(long n) {
    return new SocketmapRequest(map, ClientProtocol.lookupKey(n)).encode();
  }

  @Override
  public ReplyOutcome classify(Object reply) {
    try {
      switch (SocketmapReply.parse((String) reply).status()) {
        case OK:
          return ReplyOutcome.FOUND;
        case NOTFOUND:
          return ReplyOutcome.NOT_FOUND;
        default:
          return ReplyOutcome.ERROR;
      }
    } catch (MalformedSocketmapMessageException e) {
      return ReplyOutcome.ERROR;
    }
  }
}
