package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postern.tcptable.TcpTableReply;

class SrsTcpTableTest {
  private final SrsRewriter rewriter = SrsFixtures.rewriter(SrsFixtures.VECTOR_TIME);

  private static TcpTableReply lookup(SrsTcpTable table, String key) {
    return table.lookup(key).toCompletableFuture().join();
  }

  @Test
  void forwardRewritesToTheTestVector() {
    assertThat(lookup(SrsTcpTable.forward(rewriter), "test@otherdomain.com"))
        .isEqualTo(TcpTableReply.found("SRS0=vmyz=2W=otherdomain.com=test@example.com"));
  }

  @Test
  void reverseRestoresTheSender() {
    assertThat(
            lookup(SrsTcpTable.reverse(rewriter), "SRS0=vmyz=2W=otherdomain.com=test@example.com"))
        .isEqualTo(TcpTableReply.found("test@otherdomain.com"));
  }

  @Test
  void invalidAndNotApplicableAreNotFoundNeverTemporary() {
    SrsTcpTable forward = SrsTcpTable.forward(rewriter);
    SrsTcpTable reverse = SrsTcpTable.reverse(rewriter);
    assertThat(lookup(forward, "no-at-sign").status()).isEqualTo(TcpTableReply.Status.NOT_FOUND);
    assertThat(lookup(forward, "someone@example.com").status())
        .isEqualTo(TcpTableReply.Status.NOT_FOUND);
    assertThat(lookup(reverse, "user@foreign.test").status())
        .isEqualTo(TcpTableReply.Status.NOT_FOUND);
    assertThat(lookup(reverse, "SRS0=xxxx=2W=otherdomain.com=test@example.com").status())
        .isEqualTo(TcpTableReply.Status.NOT_FOUND);
  }
}
