package org.postern.sieve.extensions;

import java.util.List;
import org.postern.sieve.action.ActionConflictException;
import org.postern.sieve.action.MailboxNames;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;

/** RFC 5228 4.1 fileinto, with :copy (RFC 3894), :flags (RFC 5232) and :create (RFC 5490). */
public final class FileIntoExtension implements SieveExtension {

  private final MailboxNames mailboxNames;

  /** fileinto for a Maildir++ store (hierarchy separator {@code .}). */
  public FileIntoExtension() {
    this(MailboxNames.MAILDIR_PLUS_PLUS);
  }

  /** fileinto checking mailbox names by {@code mailboxNames} (the store's hierarchy separator). */
  public FileIntoExtension(MailboxNames mailboxNames) {
    this.mailboxNames = mailboxNames;
  }

  @Override
  public String name() {
    return "fileinto";
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "fileinto",
            "fileinto",
            new Signature(
                List.of(
                    new TagSpec("copy", null, "copy", null),
                    new TagSpec("flags", ArgumentKind.STRING_LIST, "imap4flags", null),
                    new TagSpec("create", null, "mailbox", null)),
                List.of(ArgumentKind.STRING),
                1),
            (arguments, context) -> {
              SieveString mailbox = context.string(arguments.positional(0));
              if (mailbox.constant() != null && mailbox.constant().indexOf('\uFFFD') >= 0) {
                // Encoded characters decode invalid UTF-8 to U+FFFD; Pigeonhole rejects such names.
                context.error(
                    arguments.positional(0).position(),
                    "mailbox name is not valid UTF-8: check its ${hex:...} encoded characters");
              } else if (mailbox.constant() != null) {
                mailboxNames
                    .problem(mailbox.constant())
                    .ifPresent(
                        problem -> context.error(arguments.positional(0).position(), problem));
              }
              boolean copy = arguments.has("copy");
              boolean create = arguments.has("create");
              List<SieveString> flags =
                  arguments.has("flags") ? context.strings(arguments.tag("flags")) : null;
              return execution -> {
                String name = mailbox.evaluate(execution);
                String problem = mailboxNames.problem(name).orElse(null);
                if (problem != null) {
                  throw new SieveRuntimeException(problem);
                }
                try {
                  execution
                      .actions()
                      .fileInto(name, Imap4FlagsExtension.flagsFor(execution, flags), copy, create);
                } catch (ActionConflictException e) {
                  throw Execution.conflict(e);
                }
                execution.checkActionLimit();
                return true;
              };
            }));
  }
}
