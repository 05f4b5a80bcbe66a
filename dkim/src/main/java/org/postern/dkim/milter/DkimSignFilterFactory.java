package org.postern.dkim.milter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.postern.common.executor.BoundedExecutor;
import org.postern.dkim.keys.InsecureKeyFileException;
import org.postern.dkim.keys.InvalidKeyRecordException;
import org.postern.dkim.keys.KeyRing;
import org.postern.dkim.keys.PrivateKeyFiles;
import org.postern.dkim.keys.SigningKey;
import org.postern.milter.filter.FilterSetupException;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.filter.MilterFilterFactory;

/** The {@code dkim-sign} filter type: loads the key files and starts the signing threads. */
public final class DkimSignFilterFactory implements MilterFilterFactory<DkimSignSettings> {
  /** The type name in config. */
  public static final String TYPE = "dkim-sign";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<DkimSignSettings> settingsType() {
    return DkimSignSettings.class;
  }

  @Override
  public MilterFilter create(DkimSignSettings settings) {
    KeyRing keys = loadKeys(settings);
    BoundedExecutor executor =
        BoundedExecutor.builder("dkim-sign")
            .threads(settings.threads())
            .queueCapacity(settings.queueCapacity())
            .build();
    return new DkimSignFilter(keys, settings, executor);
  }

  /**
   * The key ring of {@code settings}, every key file read and checked.
   *
   * @throws FilterSetupException naming the file that cannot be used
   */
  public static KeyRing loadKeys(DkimSignSettings settings) {
    KeyRing.Builder ring = KeyRing.builder();
    for (Map.Entry<String, List<SigningKeySettings>> domain : settings.keys().entrySet()) {
      for (SigningKeySettings key : domain.getValue()) {
        try {
          ring.add(
              SigningKey.of(domain.getKey(), key.selector(), PrivateKeyFiles.load(key.keyFile())),
              key.active());
        } catch (IOException | InsecureKeyFileException | InvalidKeyRecordException e) {
          throw new FilterSetupException(
              TYPE, "key " + key.selector() + " of " + domain.getKey() + ": " + e.getMessage(), e);
        }
      }
    }
    try {
      return ring.build();
    } catch (IllegalStateException e) {
      throw new FilterSetupException(TYPE, e.getMessage(), e);
    }
  }
}
