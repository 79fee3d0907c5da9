package org.gigwatch.streams.workingtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process together: one block cache shared by all stores,
 * with the memtables charged to it through one write buffer manager (Kafka Streams' memory-management recipe).
 * Without it each store instance (stores × partitions × segments) takes its own cache and memtables.
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {
    /** Everything RocksDB may hold: block cache, index and filter blocks, memtables. */
    public static final long TOTAL_OFF_HEAP_BYTES = 192L * 1024 * 1024;
    /** The memtables' share of it. */
    public static final long MEMTABLE_BYTES = 64L * 1024 * 1024;

    // shared by every store in the process, so created once and never closed by a store
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8L * 1024 * 1024);
        // every store instance holds at least one arena block; at the default (1/8 of the write buffer) some sixty
        // instances (9 stores x 6 partitions, plus segments) fill the budget at once and flush all the time
        options.setArenaBlockSize(256L * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared: closing them here would break the other stores
    }
}
