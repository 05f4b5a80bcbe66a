package org.postern.greylist;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A greylist store in two maps, for tests that count, delay or inspect what is asked of it. */
class MapGreylistStore implements GreylistStore {
  final Map<String, TripletEntry> triplets = new ConcurrentHashMap<>();
  final Map<String, ClientEntry> clients = new ConcurrentHashMap<>();
  private final String name;

  MapGreylistStore(String name) {
    this.name = name;
  }

  @Override
  public Optional<TripletEntry> triplet(String key) {
    return Optional.ofNullable(triplets.get(key));
  }

  @Override
  public void putTriplet(String key, TripletEntry entry) {
    triplets.put(key, entry);
  }

  @Override
  public Optional<ClientEntry> client(String network) {
    return Optional.ofNullable(clients.get(network));
  }

  @Override
  public void putClient(String network, ClientEntry entry) {
    clients.put(network, entry);
  }

  @Override
  public int expire(long cutoff, int maxEntries) {
    return 0;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {}
}
