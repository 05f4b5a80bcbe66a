package org.postern.sieve;

import org.postern.sieve.action.SieveResult;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/** Test helper: compile and run a script against a small message. */
final class Scripts {

  static final String MESSAGE =
      "From: \"Alice Example\" <alice+news@example.org>\r\n"
          + "To: bob@example.net, \"Carol\" <carol@Example.NET>\r\n"
          + "Subject: =?UTF-8?Q?Caf=C3=A9_menu?= today\r\n"
          + "List-Id: <dev.lists.example.org>\r\n"
          + "X-Spam-Score: 12\r\n"
          + "\r\n"
          + "Hello Bob,\r\nlunch at noon?\r\n";

  private Scripts() {}

  static SieveResult run(String script) throws SieveCompileException {
    return run(SieveCompiler.create(), script);
  }

  static SieveResult run(SieveCompiler compiler, String script) throws SieveCompileException {
    return compiler
        .compile(script)
        .run(
            SieveMessage.parse(MESSAGE),
            new SieveEnvelope("alice+news@example.org", "bob+sieve@example.net"));
  }
}
