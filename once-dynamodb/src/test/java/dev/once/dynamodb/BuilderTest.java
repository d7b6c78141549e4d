package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.RecordStatus;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class BuilderTest {

  private final DynamoDbClient client;

  BuilderTest(DynaliteServer dynalite) {
    client = dynalite.client();
  }

  @Test
  void requiresAClientAndATable() {
    assertThatThrownBy(() -> DynamoDbStore.builder().tableName("t-1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("client");
    assertThatThrownBy(() -> DynamoDbStore.builder().client(client).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tableName");
  }

  @Test
  void namesTheBadValue() {
    assertThatThrownBy(() -> DynamoDbStore.builder().tableName("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a b\"");
    assertThatThrownBy(() -> TableLayout.partitionKey(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition key attribute");
    assertThatThrownBy(() -> TableLayout.sharedPartition("pk", "fn", "pk"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"pk\"");
    assertThatThrownBy(() -> AttributeNames.defaults().withLease("status"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"status\"");
  }

  @Test
  void refusesAnAttributeNamedLikeAKey() {
    assertThatThrownBy(
            () ->
                DynamoDbStore.builder()
                    .client(client)
                    .tableName("t-1")
                    .attributeNames(AttributeNames.defaults().withData("id"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"id\"");
  }

  @Test
  void powertoolsPresetConflictsWithBinaryData() {
    assertThatThrownBy(
            () -> DynamoDbStore.builder().dataFormat(DataFormat.BINARY).powertoolsCompatible())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BINARY");
    assertThatThrownBy(
            () -> DynamoDbStore.builder().powertoolsCompatible().dataFormat(DataFormat.BINARY))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSettingsAreReadableAndAVariantChangesOnlyWhatItSets() {
    DynamoDbStore store =
        DynamoDbStore.builder()
            .client(client)
            .tableName("t-1")
            .layout(TableLayout.sharedPartition("pk", "fn", "sk"))
            .clockSkewTolerance(Duration.ofMillis(250))
            .build();

    DynamoDbStore other = store.newBuilder().tableName("t-2").build();

    assertThat(store.config().client()).isSameAs(client);
    assertThat(store.config().dataFormat()).isEqualTo(DataFormat.BINARY);
    assertThat(DynamoDbStore.builder().client(client).tableName("t-3").build().config())
        .extracting(DynamoDbStoreConfig::clockSkewTolerance)
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(other.config().tableName()).isEqualTo("t-2");
    assertThat(other.config().layout()).isEqualTo(store.config().layout());
    assertThat(other.config().clockSkewTolerance()).isEqualTo(Duration.ofMillis(250));
    assertThat(store.config().tableName()).isEqualTo("t-1");
  }

  @Test
  void aVariantOfAPowertoolsStoreMayGoBackToBinaryData() {
    DynamoDbStore powertools =
        DynamoDbStore.builder().client(client).tableName("t-1").powertoolsCompatible().build();

    DynamoDbStoreConfig binary =
        DynamoDbStore.builder(powertools.config()).dataFormat(DataFormat.BINARY).build().config();

    assertThat(powertools.config().powertoolsCompatible()).isTrue();
    assertThat(powertools.config().dataFormat()).isEqualTo(DataFormat.STRING);
    assertThat(binary.powertoolsCompatible()).isFalse();
    assertThat(binary.dataFormat()).isEqualTo(DataFormat.BINARY);
  }

  @Test
  void buildLeavesTheBuilderAsItWas() {
    DynamoDbStore.Builder builder = DynamoDbStore.builder().client(client).tableName("t-1");

    DynamoDbStore first = builder.build();
    DynamoDbStore second = builder.tableName("t-2").build();

    assertThat(first.config().tableName()).isEqualTo("t-1");
    assertThat(second.config().tableName()).isEqualTo("t-2");
  }

  @Test
  void maxDataBytesLeavesRoomForTheOtherAttributes() {
    int max =
        DynamoDbStore.builder()
            .client(client)
            .tableName("t-1")
            .build()
            .maxDataBytes()
            .orElseThrow();
    assertThat(max)
        .isEqualTo(
            400 * 1024
                - 8 * 1024
                - "idstatusexpirationin_progress_expirationdatavalidationlease".length());
  }

  @Test
  void theDefaultClientWorksAgainstAnEndpoint(DynaliteServer dynalite) {
    try (DynamoDbClient defaults =
        DynamoDbStore.defaultClientBuilder()
            .region(Region.US_EAST_1)
            .endpointOverride(dynalite.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
            .build()) {
      DynamoDbStore store = Tables.freshStore(defaults);
      assertThat(store.list(EnumSet.of(RecordStatus.INPROGRESS), 10)).isEmpty();
    }
  }
}
