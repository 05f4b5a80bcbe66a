package org.postern.milter.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.milter.builtin.AddHeaderFilterFactory;
import org.postern.milter.builtin.AddHeaderSettings;
import org.postern.milter.builtin.LogFilterFactory;
import org.postern.milter.builtin.LogSettings;
import org.postern.milter.handler.MilterChain;

class MilterFilterRegistryTest {

  @Test
  void theInstalledRegistryFindsTheBuiltinsThroughTheServiceLoader() {
    MilterFilterRegistry registry = MilterFilterRegistry.installed();

    assertThat(registry.types()).containsExactly("add-header", "log");
    assertThat(registry.settingsType("add-header")).contains(AddHeaderSettings.class);
    assertThat(registry.typeOf(LogSettings.class)).isEqualTo("log");
    assertThat(registry.defaultsOf(List.of("dkim-verify", "log", "add-header")))
        .containsExactly(new LogSettings(), new AddHeaderSettings("X-Postern-Milter", "checked"));
  }

  @Test
  void aDuplicateTypeOrABadNameIsRefused() {
    assertThatThrownBy(
            () -> MilterFilterRegistry.of(List.of(new LogFilterFactory(), new LogFilterFactory())))
        .hasMessageContaining("registered twice");
    MilterFilterFactory<LogSettings> badName =
        new MilterFilterFactory<>() {
          @Override
          public String type() {
            return "Log Filter";
          }

          @Override
          public Class<LogSettings> settingsType() {
            return LogSettings.class;
          }

          @Override
          public MilterFilter create(LogSettings settings) {
            throw new AssertionError("a factory with a bad type name must be refused unused");
          }
        };
    assertThatThrownBy(() -> MilterFilterRegistry.of(List.of(badName)))
        .hasMessageContaining("bad filter type name");
  }

  @Test
  void settingsOfATypeTheRegistryDoesNotKnowAreRefused() {
    MilterFilterRegistry onlyLog = MilterFilterRegistry.of(List.of(new LogFilterFactory()));

    assertThatThrownBy(() -> onlyLog.create(new AddHeaderSettings("X-A", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("known: [log]");
  }

  @Test
  void aChainMakesAFreshHandlerChainPerConnectionAndClosesFiltersLastFirst() {
    List<String> closed = new ArrayList<>();
    MilterFilterFactory<LogSettings> closing =
        new MilterFilterFactory<>() {
          @Override
          public String type() {
            return "log";
          }

          @Override
          public Class<LogSettings> settingsType() {
            return LogSettings.class;
          }

          @Override
          public MilterFilter create(LogSettings settings) {
            return new MilterFilter() {
              @Override
              public org.postern.milter.handler.MilterHandler newHandler() {
                return new org.postern.milter.handler.MilterHandler() {};
              }

              @Override
              public void close() {
                closed.add("log");
              }
            };
          }
        };
    MilterFilterRegistry registry =
        MilterFilterRegistry.of(List.of(closing, new AddHeaderFilterFactory()));
    FilterChain chain =
        registry.chain(List.of(new LogSettings(), new AddHeaderSettings("X-A", "b")));

    assertThat(chain.get()).isInstanceOf(MilterChain.class).isNotSameAs(chain.get());
    chain.close();
    assertThat(closed).containsExactly("log");
  }

  @Test
  void aFailingFilterClosesTheOnesBuiltBeforeIt() {
    List<String> closed = new ArrayList<>();
    MilterFilterFactory<LogSettings> closing =
        new MilterFilterFactory<>() {
          @Override
          public String type() {
            return "log";
          }

          @Override
          public Class<LogSettings> settingsType() {
            return LogSettings.class;
          }

          @Override
          public MilterFilter create(LogSettings settings) {
            return new MilterFilter() {
              @Override
              public org.postern.milter.handler.MilterHandler newHandler() {
                return new org.postern.milter.handler.MilterHandler() {};
              }

              @Override
              public void close() {
                closed.add("log");
              }
            };
          }
        };
    MilterFilterFactory<AddHeaderSettings> failing =
        new MilterFilterFactory<>() {
          @Override
          public String type() {
            return "add-header";
          }

          @Override
          public Class<AddHeaderSettings> settingsType() {
            return AddHeaderSettings.class;
          }

          @Override
          public MilterFilter create(AddHeaderSettings settings) {
            throw new FilterSetupException("add-header", "cannot");
          }
        };
    MilterFilterRegistry registry = MilterFilterRegistry.of(List.of(closing, failing));

    assertThatThrownBy(
            () -> registry.chain(List.of(new LogSettings(), new AddHeaderSettings("X-A", "b"))))
        .isInstanceOf(FilterSetupException.class)
        .hasMessage("add-header: cannot");
    assertThat(closed).containsExactly("log");
  }
}
