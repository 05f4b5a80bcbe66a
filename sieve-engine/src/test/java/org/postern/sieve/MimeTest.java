package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class MimeTest {

  private static final String MESSAGE =
      "Subject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
          + "--b\r\nContent-Type: text/plain\r\n\r\nPlain words\r\n"
          + "--b\r\nContent-Type: text/html\r\n\r\n<p>Rich <b>words</b></p>\r\n"
          + "--b\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
          + "Content-Disposition: attachment; filename=report.pdf\r\n\r\n%PDF\r\n"
          + "--b--\r\n";

  private static List<String> mailboxes(String script) throws Exception {
    SieveResult result =
        SieveCompiler.create()
            .compile(script)
            .run(SieveMessage.parse(MESSAGE), new SieveEnvelope("a@example.org", "b@example.org"));
    return result.actions().stream().map(a -> ((StoreAction) a).mailbox()).toList();
  }

  @Test
  void bodyTextSeesTextPartsWithoutMarkup() throws Exception {
    assertThat(
            mailboxes(
                "require [\"body\", \"fileinto\"]; if body :text :contains \"Rich words\""
                    + " { fileinto \"Html\"; } if body :text :contains \"<b>\" { fileinto \"Tag\"; }"
                    + " if body :content \"application\" :contains \"%PDF\" { fileinto \"Pdf\"; }"))
        .containsExactly("Html", "Pdf");
  }

  @Test
  void foreverypartVisitsEveryPartAndBreakEndsTheLoop() throws Exception {
    assertThat(
            mailboxes(
                "require [\"foreverypart\", \"mime\", \"fileinto\", \"variables\"];"
                    + " set \"seen\" \"\";"
                    + " foreverypart { if header :mime :subtype \"Content-Type\" \"*\" {}"
                    + "   if header :mime :subtype :matches \"Content-Type\" \"*\""
                    + "   { set \"seen\" \"${seen}${1}-\"; } }"
                    + " fileinto \"${seen}\";"))
        .containsExactly("mixed-plain-html-pdf-");
    assertThat(
            mailboxes(
                "require [\"foreverypart\", \"mime\", \"fileinto\"];"
                    + " foreverypart { if header :mime :param \"filename\" \"Content-Disposition\""
                    + " \"report.pdf\" { fileinto \"Attachment\"; break; } fileinto \"Part\"; }"))
        .containsExactly("Part", "Attachment");
  }

  @Test
  void anychildAndExtracttext() throws Exception {
    assertThat(
            mailboxes(
                "require [\"foreverypart\", \"mime\", \"fileinto\", \"variables\","
                    + " \"extracttext\"];"
                    + " if exists :mime :anychild \"Content-Disposition\" { fileinto \"HasAttachment\"; }"
                    + " foreverypart { if header :mime :contenttype \"Content-Type\" \"text/html\""
                    + " { extracttext :first 4 :upper \"t\"; fileinto \"${t}\"; } }"))
        .containsExactly("HasAttachment", "RICH");
  }
}
