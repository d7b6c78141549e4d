package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.spi.TimeSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The builder's settings, readable, and the variants derived from them; no database is used. */
class StoreConfigTest {

  private final JdbcDataSource dataSource = new JdbcDataSource();

  @Test
  void theDefaultsAreReadable() {
    JdbcStoreConfig config = JdbcStore.builder(dataSource).build().config();

    assertThat(config.dataSource()).isSameAs(dataSource);
    assertThat(config.tableName()).isEqualTo("once_records");
    assertThat(config.dialect()).isEmpty();
    assertThat(config.timeSource()).isEqualTo(TimeSource.STORE);
  }

  @Test
  void aVariantChangesOnlyWhatItSets() {
    JdbcStore store =
        JdbcStore.builder(dataSource)
            .tableName("app.payments_once")
            .dialect(SqlDialect.H2)
            .timeSource(TimeSource.CALLER)
            .build();

    JdbcStore other = store.newBuilder().tableName("app.refunds_once").build();

    assertThat(other.tableName()).isEqualTo("app.refunds_once");
    assertThat(other.config().dialect()).contains(SqlDialect.H2);
    assertThat(other.config().timeSource()).isEqualTo(TimeSource.CALLER);
    assertThat(store.tableName()).isEqualTo("app.payments_once");
    assertThat(JdbcStore.builder(store.config()).build().config())
        .hasToString(store.config().toString());
  }

  @Test
  void badValuesAreRefusedWhenSet() {
    assertThatThrownBy(() -> JdbcStore.builder(dataSource).tableName("drop table; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"drop table; --\"");
    assertThatThrownBy(() -> JdbcStore.builder(dataSource).dataSource(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dataSource");
  }
}
