package org.gigwatch.simulator.emit;

import java.util.Arrays;
import java.util.List;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.simulator.model.Incident;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.PlatformDay;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.model.WorkerDay;

/** A source of events in time order (a worker-day, or one payout), merged with all others by the emitter. */
abstract class Cursor {
    /** By next event time, then worker, then creation: a total order, so the merge is deterministic. */
    static int compare(Cursor x, Cursor y) {
        if (x.at != y.at) {
            return x.at < y.at ? -1 : 1;
        }
        if (x.worker.index() != y.worker.index()) {
            return x.worker.index() < y.worker.index() ? -1 : 1;
        }
        return Long.compare(x.seq, y.seq);
    }

    final Worker worker;
    final long seq;
    /** When the next event happens, epoch ms. */
    long at;

    Cursor(Worker worker, long seq) {
        this.worker = worker;
        this.seq = seq;
    }

    /** Sends the next event; false when that was the last. */
    abstract boolean emitNext(Events events);

    static Cursor of(Worker worker, Payout payout, long seq) {
        return new Cursor(worker, seq) {
            {
                at = payout.paidAt();
            }

            @Override
            boolean emitNext(Events events) {
                events.payout(worker, payout);
                return false;
            }
        };
    }

    /**
     * A worker-day's events, sorted once as packed longs: (ms since the day's first event) << 24 | platform << 23 |
     * type << 19 | index, so equal instants order by platform, then by type (logins before offers, an incident
     * before an order event of its app at the same instant), then index.
     */
    static final class Day extends Cursor {
        private static final SessionEventType[] SESSION_TYPES = SessionEventType.values();
        private static final OrderEventType[] ORDER_TYPES = OrderEventType.values();
        private static final int ORDER_TYPE_BASE = 8;
        private static final String[] ORDER_SUFFIX = {"-o", "-a", "-p", "-d", "-c"};
        private static final int INCIDENT = SessionEventType.INCIDENT.ordinal();

        private final WorkerDay day;
        private final long base;
        private final long[] steps;
        private final long[][] sessionTimes = new long[2][];
        private final SessionEventType[][] sessionTypes = new SessionEventType[2][];
        private final String[] sessionIds = new String[2];
        private final String[] incidentIds = new String[2];
        private int next;

        Day(WorkerDay day, long seq) {
            super(day.worker(), seq);
            this.day = day;
            long first = Long.MAX_VALUE;
            int count = 0;
            for (int p = 0; p < day.platforms().size(); p++) {
                PlatformDay pd = day.platforms().get(p);
                flattenSessions(p, pd.sessions());
                count += sessionTimes[p].length + 4 * pd.orders().size() + pd.incidents().size();
                first = Math.min(first, sessionTimes[p][0]);
            }
            base = first;
            long[] packed = new long[count];
            int n = 0;
            for (int p = 0; p < day.platforms().size(); p++) {
                for (int i = 0; i < sessionTimes[p].length; i++) {
                    packed[n++] = pack(sessionTimes[p][i], p, sessionTypes[p][i].ordinal(), i);
                }
                List<Incident> incidents = day.platforms().get(p).incidents();
                for (int i = 0; i < incidents.size(); i++) {
                    packed[n++] = pack(incidents.get(i).at(), p, INCIDENT, i);
                }
                List<Order> orders = day.platforms().get(p).orders();
                for (int i = 0; i < orders.size(); i++) {
                    Order o = orders.get(i);
                    packed[n++] = pack(o.offeredAt(), p, ORDER_TYPE_BASE + OrderEventType.OFFERED.ordinal(), i);
                    packed[n++] = pack(o.acceptedAt(), p, ORDER_TYPE_BASE + OrderEventType.ACCEPTED.ordinal(), i);
                    if (o.pickedUp()) {
                        packed[n++] = pack(o.pickedUpAt(), p, ORDER_TYPE_BASE + OrderEventType.PICKED_UP.ordinal(), i);
                    }
                    OrderEventType end = o.delivered() ? OrderEventType.DELIVERED : OrderEventType.CANCELLED;
                    packed[n++] = pack(o.endedAt(), p, ORDER_TYPE_BASE + end.ordinal(), i);
                }
            }
            steps = Arrays.copyOf(packed, n);
            Arrays.sort(steps);
            at = time(steps[0]);
        }

        private void flattenSessions(int p, List<Session> sessions) {
            int count = 0;
            for (Session s : sessions) {
                count += 2 + 2 * s.breaks().size();
            }
            long[] times = new long[count];
            SessionEventType[] types = new SessionEventType[count];
            int n = 0;
            for (Session s : sessions) {
                times[n] = s.login();
                types[n++] = SessionEventType.LOGIN;
                for (Interval b : s.breaks()) {
                    times[n] = b.start();
                    types[n++] = SessionEventType.BREAK_START;
                    times[n] = b.end();
                    types[n++] = SessionEventType.BREAK_END;
                }
                times[n] = s.logout();
                types[n++] = SessionEventType.LOGOUT;
            }
            sessionTimes[p] = times;
            sessionTypes[p] = types;
            PlatformDay pd = day.platforms().get(p);
            sessionIds[p] = pd.account().workerId() + "-" + day.date().toString().replace("-", "") + "-s";
            incidentIds[p] = pd.account().workerId() + "-" + day.date().toString().replace("-", "") + "-i";
        }

        private long pack(long time, int platform, int type, int index) {
            return (time - base) << 24 | (long) platform << 23 | (long) type << 19 | index;
        }

        private long time(long step) {
            return base + (step >>> 24);
        }

        @Override
        boolean emitNext(Events events) {
            long step = steps[next++];
            int platform = (int) (step >>> 23) & 1;
            int type = (int) (step >>> 19) & 0xF;
            int index = (int) step & 0x7FFFF;
            PlatformDay pd = day.platforms().get(platform);
            if (type == INCIDENT) {
                Incident incident = pd.incidents().get(index);
                events.session(worker, pd.account(), incidentIds[platform] + index, incident.at(),
                        SessionEventType.INCIDENT, incident.details());
            } else if (type < ORDER_TYPE_BASE) {
                events.session(worker, pd.account(), sessionIds[platform] + index, sessionTimes[platform][index],
                        SESSION_TYPES[type]);
            } else {
                Order o = pd.orders().get(index);
                OrderEventType orderType = ORDER_TYPES[type - ORDER_TYPE_BASE];
                events.order(worker, pd.account(), o, orderType, o.orderId() + ORDER_SUFFIX[orderType.ordinal()],
                        time(step));
            }
            if (next == steps.length) {
                return false;
            }
            at = time(steps[next]);
            return true;
        }
    }
}
