package dev.once.lambda;

/** Shields a batch from a listener that throws: the error is logged and the batch goes on. */
final class SafeBatchListener implements BatchListener {

  private final BatchListener delegate;
  private final Diagnostics diagnostics;

  SafeBatchListener(BatchListener delegate, Diagnostics diagnostics) {
    this.delegate = delegate;
    this.diagnostics = diagnostics;
  }

  @Override
  public void onFailed(String itemIdentifier, Exception cause) {
    try {
      delegate.onFailed(itemIdentifier, cause);
    } catch (RuntimeException e) {
      ignored(e);
    }
  }

  @Override
  public void onPoisonRecord(String itemIdentifier, Exception cause, PoisonRecordPolicy policy) {
    try {
      delegate.onPoisonRecord(itemIdentifier, cause, policy);
    } catch (RuntimeException e) {
      ignored(e);
    }
  }

  private void ignored(RuntimeException e) {
    diagnostics.warn("batch listener " + delegate.getClass().getName() + " threw; ignored", e);
  }
}
