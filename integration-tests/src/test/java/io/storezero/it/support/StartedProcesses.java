package io.storezero.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes a runner command started, as Linux shows them in /proc: the PIDs it recorded and every descendant.
 * What they listen on (TCP sockets in LISTEN, bound unconnected UDP sockets, read from /proc/net and each process's
 * file descriptors, as {@code ss -ltnup} does) and their command lines.
 */
public final class StartedProcesses {

    /** One listening socket: protocol, local address and port, and the process holding it. */
    public record Listener(String protocol, InetAddress address, int port, long pid, String command) {
        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + ":" + port + " (pid " + pid + " " + command + ")";
        }
    }

    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

    private final Map<Long, ProcessHandle> processes;

    private StartedProcesses(Map<Long, ProcessHandle> processes) {
        this.processes = processes;
    }

    /** The processes of {@code pids} (those alive) and all their descendants. */
    public static StartedProcesses of(List<Long> pids) {
        Map<Long, ProcessHandle> processes = new LinkedHashMap<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(process -> {
                processes.put(process.pid(), process);
                process.descendants().forEach(child -> processes.put(child.pid(), child));
            });
        }
        return new StartedProcesses(processes);
    }

    /** The PID recorded in {@code file} (its first line, as the runner's PID files and postmaster.pid have it). */
    public static long recordedPid(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Long> pids() {
        return List.copyOf(processes.keySet());
    }

    /** Every listening socket any of the processes holds. */
    public List<Listener> listeners() {
        Map<Long, Long> owners = new HashMap<>();
        for (long pid : processes.keySet()) {
            for (long inode : socketInodes(pid)) {
                owners.putIfAbsent(inode, pid);
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
            for (String[] socket : sockets(protocol)) {
                // Fields: sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode ...
                Long pid = owners.get(Long.parseLong(socket[9]));
                boolean listening = protocol.startsWith("tcp") ? "0A".equals(socket[3]) : socket[2].endsWith(":0000");
                if (pid != null && listening) {
                    String[] local = socket[1].split(":");
                    listeners.add(new Listener(protocol, address(local[0]), Integer.parseInt(local[1], 16), pid, command(pid)));
                }
            }
        }
        return listeners;
    }

    /** Each process's command line, its arguments joined by spaces. */
    public Map<Long, String> commandLines() {
        Map<Long, String> lines = new LinkedHashMap<>();
        for (long pid : processes.keySet()) {
            try {
                lines.put(pid, new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ').trim());
            } catch (NoSuchFileException gone) {
                // Ended since: no command line to read.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private String command(long pid) {
        return processes.get(pid).info().command().orElse("?");
    }

    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(Long.parseLong(socket.group(1)));
                    }
                } catch (NoSuchFileException closed) {
                    // Closed while being listed.
                }
            }
        } catch (NoSuchFileException gone) {
            // The process ended since it was listed.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file descriptors of pid " + pid + " (run the tests as its user or root)", e);
        }
        return inodes;
    }

    private static List<String[]> sockets(String protocol) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net", protocol));
            return lines.stream().skip(1).map(line -> line.trim().split("\\s+")).toList();
        } catch (NoSuchFileException absent) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/net's hex address: 32-bit words in the host's (little-endian) byte order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(hex, e);
        }
    }
}
