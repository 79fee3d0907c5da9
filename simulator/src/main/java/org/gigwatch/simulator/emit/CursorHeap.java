package org.gigwatch.simulator.emit;

import java.util.Arrays;

/**
 * A binary min-heap of cursors by {@link Cursor#compare}. Unlike PriorityQueue it can re-place the top after it
 * advanced (one sift instead of a poll and an add): the emitter does that once per event.
 */
final class CursorHeap {
    private Cursor[] heap = new Cursor[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    Cursor top() {
        return heap[0];
    }

    void add(Cursor cursor) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (Cursor.compare(heap[parent], cursor) <= 0) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = cursor;
    }

    /** The top cursor moved on: sift it down to its place. */
    void topChanged() {
        siftDown(heap[0]);
    }

    void removeTop() {
        Cursor last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
    }

    private void siftDown(Cursor cursor) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && Cursor.compare(heap[right], heap[child]) < 0) {
                child = right;
            }
            if (Cursor.compare(cursor, heap[child]) <= 0) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = cursor;
    }
}
