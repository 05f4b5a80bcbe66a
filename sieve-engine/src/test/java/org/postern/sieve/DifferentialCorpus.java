package org.postern.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * Scripts and messages run by both Postern and Pigeonhole in {@link PigeonholeDifferentialIT}:
 * every script against every message. Scripts are built from small templates so each test kind,
 * match type, comparator and action appears several times with different keys.
 */
final class DifferentialCorpus {

  private DifferentialCorpus() {}

  /** A named script. */
  record Script(String name, String source) {}

  /** A named message with the envelope it is delivered with. */
  record Message(String name, String from, String to, String text) {}

  /** The scripts: about forty, each exercising a different feature or combination. */
  static List<Script> scripts() {
    List<Script> scripts = new ArrayList<>();
    // header tests: one template, several match types, comparators and keys.
    String[][] headerTests = {
      {"subject-is", ":is \"Subject\" \"Hello\""},
      {"subject-contains-casemap", ":contains \"subject\" \"URGENT\""},
      {"subject-contains-octet", ":comparator \"i;octet\" :contains \"Subject\" \"urgent\""},
      {"subject-matches-star", ":matches \"Subject\" \"*meeting*\""},
      {"subject-matches-question", ":matches \"Subject\" \"Re: ?*\""},
      {"subject-matches-escaped", ":matches \"Subject\" \"*\\\\?*\""},
      {"subject-regex", ":regex \"Subject\" \"^\\\\[[a-z]+\\\\]\""},
      {"subject-encoded-word", ":contains \"Subject\" \"café\""},
      {"subject-empty", ":is \"Subject\" \"\""},
      {"to-or-cc-any-key", ":contains [\"To\", \"Cc\"] [\"carol\", \"dave\"]"},
      {"list-id-lowercase-name", ":contains \"list-id\" \"ops.example.org\""},
      {"folded-subject", ":is \"Subject\" \"hello world\""},
    };
    for (String[] test : headerTests) {
      scripts.add(
          new Script(
              "header-" + test[0],
              "require [\"fileinto\", \"regex\"];\n"
                  + "if header "
                  + test[1]
                  + " {\n  fileinto \"hit\";\n}\n"));
    }
    // address tests: address parts and match types.
    String[][] addressTests = {
      {"domain-is", ":domain :is \"From\" \"example.org\""},
      {"localpart-matches", ":localpart :matches [\"To\", \"Cc\"] \"b*\""},
      {"all-is", ":all :is \"from\" \"alice@example.org\""},
      {"all-contains-case", ":contains \"From\" \"EXAMPLE.org\""},
      {"user-detail", ":user :is \"To\" \"bob\""},
      {"detail", ":detail :is \"To\" \"lists\""},
      {"domain-regex", ":domain :regex \"From\" \"^(bad|example)\\\\.\""},
    };
    for (String[] test : addressTests) {
      scripts.add(
          new Script(
              "address-" + test[0],
              "require [\"fileinto\", \"subaddress\", \"regex\"];\n"
                  + "if address "
                  + test[1]
                  + " {\n  fileinto \"hit\";\n} else {\n  fileinto \"miss\";\n}\n"));
    }
    // envelope tests.
    String[][] envelopeTests = {
      {"from-domain", ":domain :is \"from\" \"lists.example.org\""},
      {"to-matches", ":all :matches \"to\" \"bob*@example.net\""},
      {"to-detail", ":detail \"to\" \"lists\""},
      {"from-null", ":all :is \"from\" \"\""},
    };
    for (String[] test : envelopeTests) {
      scripts.add(
          new Script(
              "envelope-" + test[0],
              "require [\"fileinto\", \"envelope\", \"subaddress\"];\n"
                  + "if envelope "
                  + test[1]
                  + " {\n  fileinto \"hit\";\n}\n"));
    }
    scripts.add(
        new Script(
            "list-id-filter",
            "require \"fileinto\";\n"
                + "if header :contains \"List-Id\" \"<dev.example.org>\" { fileinto \"lists.dev\"; stop; }\n"
                + "if header :contains \"List-Id\" \"<ops.example.org>\" { fileinto \"lists.ops\"; stop; }\n"
                + "fileinto \"not-a-list\";\n"));
    scripts.add(
        new Script(
            "exists-spam",
            "require \"fileinto\";\n"
                + "if exists [\"X-Spam-Flag\", \"X-Spam-Status\"] { fileinto \"Junk\"; }\n"
                + "if not exists \"Date\" { discard; }\n"));
    scripts.add(
        new Script(
            "size",
            "require [\"fileinto\", \"imap4flags\"];\n"
                + "if size :over 2K { fileinto \"big\"; } elsif size :under 300 { addflag \"$Small\"; }\n"));
    scripts.add(
        new Script(
            "body",
            "require [\"fileinto\", \"body\"];\n"
                + "if body :contains \"unsubscribe\" { fileinto \"bulk\"; }\n"
                + "if body :raw :matches \"*viagra*\" { discard; }\n"));
    scripts.add(
        new Script(
            "allof-anyof",
            "require \"fileinto\";\n"
                + "if allof (exists \"List-Id\", anyof (header :contains \"Subject\" \"[dev]\","
                + " header :contains \"Subject\" \"[ops]\")) { fileinto \"tagged-list\"; }\n"
                + "if anyof (not exists \"To\", header :is \"To\" \"undisclosed-recipients:;\") {"
                + " fileinto \"undisclosed\"; }\n"));
    scripts.add(
        new Script(
            "imap4flags",
            "require [\"imap4flags\", \"fileinto\"];\n"
                + "setflag \"\\\\Seen\";\n"
                + "addflag [\"$Work\", \"$Later\"];\n"
                + "if header :contains \"Subject\" \"hello\" { fileinto :flags \"\\\\Flagged\" \"work\"; }\n"
                + "removeflag \"$Later\";\n"
                + "if hasflag :contains \"$Work\" { addflag \"$Checked\"; }\n"));
    scripts.add(
        new Script(
            "flags-on-fileinto-and-keep",
            "require [\"imap4flags\", \"fileinto\"];\n"
                + "if header :contains \"From\" \"example\" { addflag \"\\\\Answered\"; fileinto \"a\"; }\n"
                + "keep;\n"));
    scripts.add(
        new Script(
            "copy",
            "require [\"copy\", \"fileinto\"];\n"
                + "fileinto :copy \"archive\";\n"
                + "if exists \"List-Id\" { redirect :copy \"list-archive@example.net\"; }\n"));
    scripts.add(new Script("discard-then-keep", "discard;\nkeep;\n"));
    scripts.add(
        new Script(
            "duplicates",
            "require \"fileinto\";\n"
                + "fileinto \"a\";\nfileinto \"a\";\nfileinto \"b\";\n"
                + "redirect \"x@example.net\";\nredirect \"x@example.net\";\n"));
    scripts.add(
        new Script(
            "reject",
            "require \"reject\";\n"
                + "if header :contains \"From\" \"spammer\" { reject \"go away\"; }\n"));
    scripts.add(
        new Script(
            "reject-conflict",
            "require [\"reject\", \"fileinto\"];\n"
                + "if exists \"X-Spam-Flag\" { fileinto \"x\"; reject \"no\"; }\n"));
    scripts.add(
        new Script(
            "stop",
            "require \"fileinto\";\n"
                + "if header :contains \"Subject\" \"e\" { fileinto \"first\"; stop; }\n"
                + "fileinto \"second\";\n"));
    scripts.add(
        new Script(
            "variables-list-name",
            "require [\"variables\", \"fileinto\"];\n"
                + "if header :matches \"List-Id\" \"*<*.example.org>*\" {\n"
                + "  set \"list\" \"${2}\";\n  fileinto \"lists.${list}\";\n}\n"));
    scripts.add(
        new Script(
            "variables-modifiers",
            "require [\"variables\", \"fileinto\"];\n"
                + "if header :matches \"Subject\" \"*\" {\n"
                + "  set :lower :upperfirst \"s\" \"${1}\";\n  set :length \"n\" \"${1}\";\n"
                + "  if string :is \"${s}\" \"Hello\" { fileinto \"hello-${n}\"; }\n"
                + "  if string :matches \"${n}\" \"?\" { fileinto \"short\"; }\n}\n"));
    scripts.add(
        new Script(
            "regex-capture",
            "require [\"regex\", \"variables\", \"fileinto\"];\n"
                + "if header :regex \"Subject\" \"ticket #([0-9]+)\" { fileinto \"tickets.${1}\"; }\n"));
    scripts.add(
        new Script(
            "matches-capture",
            "require [\"variables\", \"fileinto\"];\n"
                + "if address :all :matches \"From\" \"*@*\" { fileinto \"from.${2}\"; }\n"));
    scripts.add(
        new Script(
            "relational-count",
            "require [\"relational\", \"comparator-i;ascii-numeric\", \"fileinto\"];\n"
                + "if header :count \"ge\" :comparator \"i;ascii-numeric\" \"Received\" \"3\" {"
                + " fileinto \"many-hops\"; }\n"));
    scripts.add(
        new Script(
            "relational-value",
            "require [\"relational\", \"comparator-i;ascii-numeric\", \"fileinto\"];\n"
                + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"X-Spam-Score\" \"5\" {"
                + " fileinto \"Junk\"; } elsif header :value \"lt\" \"Subject\" \"M\" {"
                + " fileinto \"early\"; }\n"));
    scripts.add(
        new Script(
            "ascii-numeric-is",
            "require [\"comparator-i;ascii-numeric\", \"fileinto\"];\n"
                + "if header :is :comparator \"i;ascii-numeric\" \"X-Spam-Score\" \"7\" {"
                + " fileinto \"seven\"; }\n"));
    scripts.add(
        new Script(
            "redirects",
            "redirect \"one@example.net\";\nif exists \"Cc\" { redirect \"two@example.net\"; }\n"));
    scripts.add(
        new Script(
            "elsif-chain",
            "require \"fileinto\";\n"
                + "if header :contains \"Subject\" \"ALERT\" { fileinto \"alerts\"; }\n"
                + "elsif header :contains \"Subject\" \"meeting\" { fileinto \"meetings\"; }\n"
                + "elsif size :over 1K { fileinto \"large\"; }\n"
                + "else { keep; }\n"));
    scripts.add(
        new Script(
            "encoded-character",
            "require [\"encoded-character\", \"fileinto\"];\n"
                + "if header :contains \"Subject\" \"${hex:63 61 66 C3 A9}\" { fileinto \"cafe\"; }\n"
                + "if header :contains \"From\" \"${unicode:E9}\" { fileinto \"accent\"; }\n"));
    scripts.add(
        new Script(
            "matches-capture-lengths",
            "require [\"variables\", \"fileinto\"];\n"
                + "if header :matches \"Subject\" \"*e*o*\" { fileinto \"g-${1}-${2}-${3}\"; }\n"
                + "if header :matches \"From\" \"?*@*\" { fileinto \"f-${1}-${3}\"; }\n"));
    scripts.add(
        new Script(
            "empty-keys",
            "require \"fileinto\";\n"
                + "if header :contains \"X-Missing\" \"\" { fileinto \"missing\"; }\n"
                + "if header :contains \"Subject\" \"\" { fileinto \"has-subject\"; }\n"
                + "if address :all :is \"To\" \"\" { fileinto \"empty-to\"; }\n"));
    scripts.add(
        new Script(
            "hasflag-variables",
            "require [\"imap4flags\", \"variables\", \"fileinto\"];\n"
                + "set \"f\" \"\\\\Seen $A\";\n"
                + "addflag \"f\" \"$B \\\\seen\";\n"
                + "if hasflag \"f\" \"\\\\SEEN\" { fileinto :flags \"${f}\" \"seen\"; }\n"));
    return scripts;
  }

  /** Ten messages with varied headers, encodings, addresses and sizes. */
  static List<Message> messages() {
    List<Message> messages = new ArrayList<>();
    messages.add(
        new Message(
            "plain",
            "alice@example.org",
            "bob@example.net",
            "From: Alice <alice@example.org>\r\n"
                + "To: bob@example.net\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: Hello\r\n"
                + "Message-ID: <1@example.org>\r\n"
                + "\r\n"
                + "Hi Bob.\r\n"));
    messages.add(
        new Message(
            "list-dev",
            "owner-dev@lists.example.org",
            "bob@example.net",
            "Return-Path: <owner-dev@lists.example.org>\r\n"
                + "Received: from a by b; Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "From: Carol <carol@example.com>\r\n"
                + "To: dev@lists.example.org\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "List-Id: Developers <dev.example.org>\r\n"
                + "Subject: [dev] meeting tomorrow\r\n"
                + "Precedence: list\r\n"
                + "\r\n"
                + "Agenda attached.\r\n-- \r\nTo unsubscribe, write to dev-leave@example.org\r\n"));
    messages.add(
        new Message(
            "encoded-words",
            "andre@example.fr",
            "bob@example.net",
            "From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.fr>\r\n"
                + "To: bob@example.net, =?UTF-8?B?Q2Fyb2w=?= <carol@example.com>\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: =?UTF-8?Q?caf=C3=A9_meeting?=\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "On se voit au café ?\r\n"));
    messages.add(
        new Message(
            "spam",
            "spammer@bad.example",
            "bob@example.net",
            "From: Spammer <spammer@bad.example>\r\n"
                + "To: bob@example.net\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: URGENT offer\r\n"
                + "X-Spam-Flag: YES\r\n"
                + "X-Spam-Score: 7\r\n"
                + "\r\n"
                + "Cheap viagra here.\r\n"));
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      big.append("Line ").append(i).append(" of a long report with some padding text.\r\n");
    }
    messages.add(
        new Message(
            "big-plus-address",
            "reports@example.com",
            "bob+lists@example.net",
            "From: reports@example.com\r\n"
                + "To: Bob <bob+lists@example.net>\r\n"
                + "Cc: carol@example.com\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: Weekly report\r\n"
                + "\r\n"
                + big));
    messages.add(
        new Message(
            "many-hops",
            "helpdesk@example.com",
            "bob@example.net",
            "Received: from a by b; Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Received: from c by d; Wed, 25 Nov 2026 10:00:01 +0000\r\n"
                + "Received: from e by f; Wed, 25 Nov 2026 10:00:02 +0000\r\n"
                + "Received: from g by h; Wed, 25 Nov 2026 10:00:03 +0000\r\n"
                + "From: Helpdesk <helpdesk@example.com>\r\n"
                + "To: bob@example.net\r\n"
                + "Subject: Re: ticket #4711\r\n"
                + "\r\n"
                + "Your ticket was updated.\r\n"));
    messages.add(
        new Message(
            "groups-and-quotes",
            "eve@example.org",
            "bob@example.net",
            "From: \"Eve\" <EVE@Example.ORG>\r\n"
                + "To: undisclosed-recipients:;\r\n"
                + "Cc: \"Dave, D.\" <dave@example.com>, (comment) frank@example.com\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: What?\r\n"
                + "\r\n"
                + "?\r\n"));
    messages.add(
        new Message(
            "folded",
            "grace@example.org",
            "bob@example.net",
            "From: grace@example.org\r\n"
                + "To: bob@example.net\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: hello\r\n world\r\n"
                + "X-Spam-Score: 10\r\n"
                + "\r\n"
                + "Folded subject.\r\n"));
    messages.add(
        new Message(
            "list-ops-lowercase",
            "owner-ops@lists.example.org",
            "ops@example.net",
            "from: Monitor <monitor@example.org>\r\n"
                + "to: ops@example.net\r\n"
                + "date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
                + "list-id: <ops.example.org>\r\n"
                + "x-spam-status: No, score=0.1\r\n"
                + "subject: [ops] ALERT disk full\r\n"
                + "\r\n"
                + "Disk / is 99% full.\r\n"));
    messages.add(
        new Message(
            // sieve-test 2.3 refuses a null reverse-path (-f "" and -f "<>"), so the envelope
            // sender is the bounce's From; the Return-Path header still says <>.
            "minimal-bounce",
            "MAILER-DAEMON@example.net",
            "bob@example.net",
            "Return-Path: <>\r\nFrom: MAILER-DAEMON@example.net\r\nSubject:\r\n\r\n"));
    return messages;
  }
}
