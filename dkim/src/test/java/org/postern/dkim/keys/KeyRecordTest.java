package org.postern.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.postern.dkim.InvalidTagListException;
import org.postern.dkim.TagList;

class KeyRecordTest {

  @Test
  void roundTripsPublishedRecordsOfBothKeyTypes() throws Exception {
    for (String algorithm : new String[] {"RSA", "Ed25519"}) {
      PublicKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic();

      KeyRecord record =
          KeyRecord.parse(String.join("", DnsRecordText.strings(DnsRecordText.value(key))));

      assertThat(record.key()).contains(key);
      assertThat(record.allowsEmail()).isTrue();
    }
  }

  @Test
  void readsFlagsServiceTypesAndRevocation() throws Exception {
    KeyRecord record = KeyRecord.parse("v=DKIM1; t=y:s; s=email; h=sha256; p=");

    assertThat(record.key()).isEmpty();
    assertThat(record.strictIdentity()).isTrue();
    assertThat(record.testing()).isTrue();
    assertThat(record.allowsHash("sha1")).isFalse();
  }

  @Test
  void aRecordIsParsedOnceAndAnInvalidOneFailsEveryTime() throws Exception {
    String text = "v=DKIM1; t=s; p=";
    assertThat(KeyRecord.parse(new String(text))).isSameAs(KeyRecord.parse(text));
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> KeyRecord.parse("v=DKIM1; k=rsa; p=bm90IGEga2V5"))
          .isInstanceOf(InvalidKeyRecordException.class);
    }
  }

  @Test
  void rejectsWrongVersionMisplacedVersionAndMissingKey() {
    assertThatThrownBy(() -> KeyRecord.parse("v=DKIM3; p="))
        .isInstanceOf(InvalidKeyRecordException.class);
    assertThatThrownBy(() -> KeyRecord.parse("k=rsa; v=DKIM1; p="))
        .isInstanceOf(InvalidKeyRecordException.class);
    assertThatThrownBy(() -> KeyRecord.parse("v=DKIM1; k=rsa"))
        .isInstanceOf(InvalidKeyRecordException.class);
    assertThatThrownBy(() -> KeyRecord.parse("k=foobar; p=AAAA"))
        .isInstanceOf(InvalidKeyRecordException.class);
  }

  @Test
  void splitsRecordIntoDnsStringsOf255Bytes() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(4096);
    String value = DnsRecordText.value(generator.generateKeyPair().getPublic());

    assertThat(DnsRecordText.strings(value))
        .hasSizeGreaterThan(2)
        .allMatch(string -> string.length() <= 255, "at most 255 bytes");
    assertThat(String.join("", DnsRecordText.strings(value))).isEqualTo(value);
  }

  @Property
  void garbageRecordsAreTypedErrors(@ForAll String text) {
    try {
      KeyRecord.parse(text);
    } catch (InvalidKeyRecordException expected) {
      // the only failure allowed
    }
  }

  @Property
  void garbageTagListsAreTypedErrors(@ForAll String text) {
    try {
      TagList list = TagList.parse(text);
      assertThat(list.asMap().keySet()).allMatch(name -> name.matches("[A-Za-z][A-Za-z0-9_]*"));
    } catch (InvalidTagListException expected) {
      // the only failure allowed
    }
  }
}
