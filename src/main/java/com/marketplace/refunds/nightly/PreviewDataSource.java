package com.marketplace.refunds.nightly;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The database as a preview sees it (docs/running.md, "Preview"): one connection, one transaction for
 * the whole command, rolled back when it ends, so no row of any table (the job repository's included)
 * is kept, whatever the steps do; a process killed meanwhile is rolled back by the server. Inside it,
 * every transaction the code opens behaves as usual: a commit becomes a savepoint, a rollback goes
 * back to the last one. Isolation and read-only settings, which cannot change inside a transaction,
 * are accepted and ignored. A sequence's counter may move on (nextval is never rolled back).
 * One thread at a time: a preview runs with one part ({@code refunds.partitions.count=1}), so it decides in
 * one part and writes the payment methods' settlement files one after the other.
 */
public final class PreviewDataSource implements DataSource, AutoCloseable {

    private static final String SAVEPOINT = "refunds_preview";

    private final Connection real;
    private final Connection shared;
    private boolean autoCommit = true;
    private int isolation = Connection.TRANSACTION_READ_COMMITTED;
    private boolean readOnly;

    PreviewDataSource(String url, String user, String password, String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        this.real = DriverManager.getConnection(url, properties);
        real.setAutoCommit(false);
        try (Statement statement = real.createStatement()) {
            statement.execute("SAVEPOINT " + SAVEPOINT);
        }
        this.shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Handler());
    }

    private final class Handler implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    return null; // the one connection lives as long as the preview
                case "isClosed":
                    return real.isClosed();
                case "commit":
                    keep();
                    return null;
                case "rollback":
                    if (args == null || args.length == 0) {
                        backToLastCommit();
                        return null;
                    }
                    break;
                case "setAutoCommit":
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        keep();
                    }
                    autoCommit = on;
                    return null;
                case "getAutoCommit":
                    return autoCommit;
                case "setTransactionIsolation":
                    isolation = (Integer) args[0];
                    return null;
                case "getTransactionIsolation":
                    return isolation;
                case "setReadOnly":
                    readOnly = (Boolean) args[0];
                    return null;
                case "isReadOnly":
                    return readOnly;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "preview connection";
                default:
                    break;
            }
            try {
                return method.invoke(real, args);
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** A commit of the code: what it did so far stays in the preview's transaction. */
    private void keep() throws SQLException {
        try (Statement statement = real.createStatement()) {
            statement.execute("RELEASE SAVEPOINT " + SAVEPOINT + "; SAVEPOINT " + SAVEPOINT);
        }
    }

    /** A rollback of the code: back to its last commit, not further. */
    private void backToLastCommit() throws SQLException {
        try (Statement statement = real.createStatement()) {
            statement.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
        }
    }

    @Override
    public Connection getConnection() {
        return shared;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return shared;
    }

    /** Ends the preview: everything it did is rolled back, then the connection is closed. */
    @Override
    public void close() throws SQLException {
        if (!real.isClosed()) {
            try {
                real.rollback();
            }
            finally {
                real.close();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
