package org.postern.screen.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.postern.common.transport.Transport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asynchronous A lookups over UDP from a few long-lived Netty datagram sockets, messages encoded
 * and decoded by dnsjava. dnsjava's own asynchronous client opens, binds and closes a socket per
 * query and serves every socket from one selector thread; at thousands of queries a second that
 * setup is the bottleneck. Here each query only picks a socket and a random unused ID; an answer is
 * accepted only from the server asked, with that ID and the same question. Answers carry the record
 * TTL; NXDOMAIN and empty answers carry the SOA's negative-caching TTL when there is one.
 *
 * <p>With several servers, queries start at each in turn; one not answered within its share of the
 * timeout is asked again of the next server. Truncated answers are failures (a DNSBL answer is a
 * few A records; no TCP fallback).
 */
public final class UdpDnsResolver implements DnsblResolver, AutoCloseable {
  /** Sockets queries are spread over (random source port and ID, as spoofing protection). */
  static final int SOCKETS = 4;

  /** Receive buffer asked for each socket (Linux caps it at {@code net.core.rmem_max}). */
  static final int RECEIVE_BUFFER = 1 << 20;

  private final EventLoopGroup group;
  private final EventLoop loop;
  private final List<InetSocketAddress> servers;
  private final long attemptNanos;
  private final List<QuerySocket> sockets = new ArrayList<>();
  // Only used on the event loop.
  private final SecureRandom random = new SecureRandom();
  private int nextServer;
  private volatile boolean closed;

  private UdpDnsResolver(List<InetSocketAddress> servers, Duration timeout) {
    this.servers = List.copyOf(servers);
    this.attemptNanos = Math.max(1, timeout.toNanos() / this.servers.size());
    this.group =
        new MultiThreadIoEventLoopGroup(
            1,
            new DefaultThreadFactory("dnsbl-dns", true),
            Transport.preferred().ioHandlerFactory());
    this.loop = group.next();
  }

  /**
   * A resolver asking {@code servers} (the system's, from {@code /etc/resolv.conf}, when empty),
   * each query given up after {@code timeout}. Answers complete on the resolver's own event-loop
   * thread: callers' callbacks must not block.
   *
   * @throws DnsLookupException when the sockets cannot be opened
   */
  public static UdpDnsResolver create(List<InetSocketAddress> servers, Duration timeout) {
    List<InetSocketAddress> asked =
        servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
    if (asked.isEmpty()) {
      throw new DnsLookupException("no DNS servers configured and none in /etc/resolv.conf");
    }
    UdpDnsResolver resolver = new UdpDnsResolver(asked, timeout);
    try {
      for (int i = 0; i < SOCKETS; i++) {
        resolver.sockets.add(resolver.open());
      }
    } catch (RuntimeException e) {
      resolver.close();
      throw e;
    }
    return resolver;
  }

  private QuerySocket open() {
    QuerySocket socket = new QuerySocket();
    Channel channel =
        new Bootstrap()
            .group(loop)
            .channel(Transport.of(loop).datagramChannel())
            .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
            .handler(socket)
            .bind(0)
            .awaitUninterruptibly()
            .channel();
    if (!channel.isActive()) {
      throw new DnsLookupException("cannot open a UDP socket for DNS queries");
    }
    socket.channel = channel;
    return socket;
  }

  @Override
  public CompletableFuture<DnsAnswer> lookup(String name) {
    Name question;
    try {
      question = Name.fromString(name + ".");
    } catch (TextParseException e) {
      return CompletableFuture.failedFuture(
          new DnsLookupException("bad query name " + name + ": " + e.getMessage(), e));
    }
    Query query = new Query(name, question);
    if (loop.inEventLoop()) {
      start(query);
    } else {
      try {
        loop.execute(() -> start(query));
      } catch (RejectedExecutionException stopped) {
        return CompletableFuture.failedFuture(new DnsLookupException(name + ": resolver closed"));
      }
    }
    return query.answer;
  }

  private void start(Query query) {
    if (closed) {
      query.answer.completeExceptionally(new DnsLookupException(query.name + ": resolver closed"));
      return;
    }
    int first = nextServer;
    nextServer = (nextServer + 1) % servers.size();
    send(query, first, 0);
  }

  private void send(Query query, int server, int attempt) {
    QuerySocket socket = sockets.get(random.nextInt(sockets.size()));
    int id;
    do {
      id = random.nextInt(0x10000);
    } while (socket.pending.containsKey(id));
    Message message = Message.newQuery(Record.newRecord(query.question, Type.A, DClass.IN));
    message.getHeader().setID(id);
    query.server = servers.get(server);
    socket.pending.put(id, query);
    int sentId = id;
    query.timeout =
        loop.schedule(
            () -> {
              if (socket.pending.remove(sentId, query)) {
                if (attempt + 1 < servers.size()) {
                  send(query, (server + 1) % servers.size(), attempt + 1);
                } else {
                  query.answer.completeExceptionally(
                      new DnsTimeoutException(query.name + ": timed out"));
                }
              }
            },
            attemptNanos,
            TimeUnit.NANOSECONDS);
    socket
        .channel
        .writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message.toWire()), query.server))
        .addListener(
            sent -> {
              if (!sent.isSuccess() && socket.pending.remove(sentId, query)) {
                query.timeout.cancel(false);
                query.answer.completeExceptionally(
                    new DnsLookupException(query.name + ": " + sent.cause(), sent.cause()));
              }
            });
  }

  /**
   * Closes the sockets and stops the event-loop thread without waiting for it; queries still
   * waiting fail, later lookups fail at once. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (QuerySocket socket : sockets) {
      socket.channel.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Completes once the resolver's thread has ended after {@link #close()}. */
  Future<?> terminationFuture() {
    return group.terminationFuture();
  }

  private static final class Query {
    final String name;
    final Name question;
    final CompletableFuture<DnsAnswer> answer = new CompletableFuture<>();
    InetSocketAddress server;
    ScheduledFuture<?> timeout;

    Query(String name, Name question) {
      this.name = name;
      this.question = question;
    }
  }

  /** One datagram socket and the queries sent from it, by ID; touched only on the event loop. */
  private static final class QuerySocket extends SimpleChannelInboundHandler<DatagramPacket> {
    final Map<Integer, Query> pending = new HashMap<>();
    Channel channel;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      ByteBuf content = packet.content();
      if (content.readableBytes() < 12) {
        return;
      }
      int id = content.getUnsignedShort(content.readerIndex());
      Query query = pending.get(id);
      if (query == null || !packet.sender().equals(query.server)) {
        return;
      }
      Message response;
      try {
        response = new Message(ByteBufUtil.getBytes(content));
      } catch (IOException e) {
        return; // garbage: keep waiting for the real answer
      }
      Record asked = response.getQuestion();
      if (asked == null || asked.getType() != Type.A || !asked.getName().equals(query.question)) {
        return;
      }
      pending.remove(id);
      query.timeout.cancel(false);
      if (response.getHeader().getFlag(Flags.TC)) {
        query.answer.completeExceptionally(new DnsLookupException(query.name + ": truncated"));
        return;
      }
      try {
        query.answer.complete(DnsResponses.interpret(query.name, response));
      } catch (DnsLookupException e) {
        query.answer.completeExceptionally(e);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      DnsLookupException closed = new DnsLookupException("DNS resolver closed");
      pending.values().forEach(query -> query.answer.completeExceptionally(closed));
      pending.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // ICMP port unreachable and the like: the query times out or another server answers.
    }
  }
}
