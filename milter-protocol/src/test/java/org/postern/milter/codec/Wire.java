package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.reply.MilterReply;

/** Encodes through the real encoders and decodes in pieces through an EmbeddedChannel. */
final class Wire {
  private Wire() {}

  static byte[] encodeCommand(MilterCommand command) {
    EmbeddedChannel channel = new EmbeddedChannel(new MilterCommandEncoder());
    channel.writeOutbound(command);
    return drainOutbound(channel);
  }

  static byte[] encodeReply(MilterReply reply) {
    EmbeddedChannel channel = new EmbeddedChannel(new MilterReplyEncoder());
    channel.writeOutbound(reply);
    return drainOutbound(channel);
  }

  /** Feeds {@code bytes} cut at {@code cuts} (positions, any order) and returns the messages. */
  static List<Object> decode(ChannelHandler decoder, byte[] bytes, List<Integer> cuts) {
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    try {
      List<Object> messages = new ArrayList<>();
      for (byte[] piece : pieces(bytes, cuts)) {
        channel.writeInbound(Unpooled.wrappedBuffer(piece));
        drainInbound(channel, messages);
      }
      return messages;
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  static List<byte[]> pieces(byte[] bytes, List<Integer> cuts) {
    List<Integer> positions = new ArrayList<>();
    for (int cut : cuts) {
      positions.add(Math.floorMod(cut, bytes.length + 1));
    }
    positions.add(0);
    positions.add(bytes.length);
    positions.sort(Integer::compare);
    List<byte[]> pieces = new ArrayList<>();
    for (int i = 0; i + 1 < positions.size(); i++) {
      int from = positions.get(i);
      int to = positions.get(i + 1);
      if (to > from) {
        byte[] piece = new byte[to - from];
        System.arraycopy(bytes, from, piece, 0, piece.length);
        pieces.add(piece);
      }
    }
    return pieces;
  }

  static void drainInbound(EmbeddedChannel channel, List<Object> into) {
    Object message;
    while ((message = channel.readInbound()) != null) {
      into.add(message);
    }
  }

  private static byte[] drainOutbound(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    ByteBuf piece;
    while ((piece = channel.readOutbound()) != null) {
      all.writeBytes(piece);
      piece.release();
    }
    channel.finishAndReleaseAll();
    byte[] bytes = ByteBufUtil.getBytes(all);
    all.release();
    return bytes;
  }

  static byte[] concat(List<byte[]> parts) {
    int length = parts.stream().mapToInt(part -> part.length).sum();
    byte[] all = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }
}
