#!/usr/bin/env python3
r"""Writes a CSV file with a header as an SQL dump of one table, for the SQL streaming
measurements (README, Performance step 35):
csv_to_sql.py IN.csv OUT.sql [REPEAT] [MAX_ROWS] [--phpmyadmin | --pg-dump].

By default the dump looks like `mysqldump`'s: its header comments and `/*!40101 … */;`
settings, `DROP TABLE`, `CREATE TABLE` with an `id` column first and the CSV's header names
(backquoted), `LOCK TABLES`, `/*!40000 ALTER TABLE … DISABLE KEYS */;`, then extended INSERTs
without a column list (the columns come from the `CREATE TABLE`), each up to about 1 MB on one
line (mysqldump's net_buffer_length), values escaped as mysqldump escapes them (`\\`, `\'`,
`\"`, `\n`, `\r`, `\0`, `\Z`), the `id` a bare number.

--phpmyadmin writes phpMyAdmin's export instead: `SET SQL_MODE = …; START TRANSACTION;`, the
`CREATE TABLE` without keys, INSERTs with a column list, one tuple a line, each statement up to
about 50 KB, `COMMIT;` at the end.

--pg-dump writes pg_dump's plain format instead: its header comments and `SET`s, `CREATE
TABLE public.people` (double-quoted names), then `COPY public.people (…) FROM stdin;`, one
tab-separated line a row (`\\`, `\t`, `\n`, `\r` escaped; an empty value as `\N`), `\.`.

REPEAT writes the rows that many times (ids go on counting); MAX_ROWS reads only the first rows
of the CSV."""
import csv
import sys

MYSQLDUMP_STATEMENT = 1_000_000
PHPMYADMIN_STATEMENT = 50_000

ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\0": "\\0", "\x1a": "\\Z"}


PG_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def copy_value(value):
    return "".join(PG_ESCAPES.get(c, c) for c in value) if value else "\\N"


def quote(value):
    return "'" + "".join(ESCAPES.get(c, c) for c in value) + "'"


def rows_of(src, max_rows):
    with open(src, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        yield header
        for i, row in enumerate(rows):
            if max_rows is not None and i >= max_rows:
                break
            yield row


def create_table(header, php):
    cols = ["  `id` int%s NOT NULL%s" % (("(11)", "") if php else ("", " AUTO_INCREMENT"))]
    cols += ["  `%s` varchar(255) DEFAULT NULL" % h for h in header]
    if not php:
        cols.append("  PRIMARY KEY (`id`)")
    tail = "utf8mb4 COLLATE=utf8mb4_general_ci" if php else "utf8mb4 COLLATE=utf8mb4_0900_ai_ci"
    return "CREATE TABLE `people` (\n%s\n) ENGINE=InnoDB DEFAULT CHARSET=%s;\n" % (",\n".join(cols), tail)


MYSQLDUMP_HEAD = """-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: leak
-- ------------------------------------------------------
-- Server version\t8.0.36

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `people`
--

DROP TABLE IF EXISTS `people`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
"""

MYSQLDUMP_DATA = """/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `people`
--

LOCK TABLES `people` WRITE;
/*!40000 ALTER TABLE `people` DISABLE KEYS */;
"""

MYSQLDUMP_TAIL = """/*!40000 ALTER TABLE `people` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2026-01-01 12:00:00
"""

PHPMYADMIN_HEAD = """-- phpMyAdmin SQL Dump
-- version 5.2.1
-- https://www.phpmyadmin.net/
--
-- Host: 127.0.0.1
-- Generation Time: Jan 01, 2026 at 12:00 PM
-- Server version: 10.4.32-MariaDB
-- PHP Version: 8.2.12

SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
START TRANSACTION;
SET time_zone = "+00:00";


/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;

--
-- Database: `leak`
--

-- --------------------------------------------------------

--
-- Table structure for table `people`
--

"""

PHPMYADMIN_TAIL = """
--
-- Indexes for dumped tables
--

--
-- Indexes for table `people`
--
ALTER TABLE `people`
  ADD PRIMARY KEY (`id`);
COMMIT;

/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
"""


PG_HEAD = """--
-- PostgreSQL database dump
--

\\restrict 8kq2ZyKQ

-- Dumped from database version 17.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

SET default_tablespace = '';

--
-- Name: people; Type: TABLE; Schema: public; Owner: postgres
--

"""


def pg_dump(src, dst, header, repeat, max_rows):
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        out.write(PG_HEAD)
        cols = ["    id integer NOT NULL"] + ['    "%s" text' % h for h in header]
        out.write("CREATE TABLE public.people (\n%s\n);\n\n" % ",\n".join(cols))
        out.write("\nALTER TABLE public.people OWNER TO postgres;\n\n--\n-- Data for Name: people; Type: TABLE DATA; Schema: public; Owner: postgres\n--\n\n")
        out.write("COPY public.people (id, %s) FROM stdin;\n" % ", ".join('"%s"' % h for h in header))
        n = 0
        for _ in range(repeat):
            body = rows_of(src, max_rows)
            next(body)  # the header
            for row in body:
                n += 1
                out.write("%d\t%s\n" % (n, "\t".join(copy_value(v) for v in row)))
        out.write("\\.\n\n\nALTER TABLE ONLY public.people\n    ADD CONSTRAINT people_pkey PRIMARY KEY (id);\n\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict 8kq2ZyKQ\n\n")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    php = "--phpmyadmin" in sys.argv[1:]
    src, dst = args[0], args[1]
    repeat = int(args[2]) if len(args) > 2 else 1
    max_rows = int(args[3]) if len(args) > 3 else None
    rows = rows_of(src, max_rows)
    header = next(rows)
    if "--pg-dump" in sys.argv[1:]:
        pg_dump(src, dst, header, repeat, max_rows)
        return
    limit = PHPMYADMIN_STATEMENT if php else MYSQLDUMP_STATEMENT
    if php:
        opening = "INSERT INTO `people` (%s) VALUES\n" % ", ".join("`%s`" % h for h in ["id"] + header)
        sep, close = ",\n", ";\n"
    else:
        opening = "INSERT INTO `people` VALUES "
        sep, close = ",", ";\n"
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        out.write(PHPMYADMIN_HEAD if php else MYSQLDUMP_HEAD)
        out.write(create_table(header, php))
        out.write("\n--\n-- Dumping data for table `people`\n--\n\n" if php else MYSQLDUMP_DATA)
        n = 0
        size = 0
        sep_ = ", " if php else ","
        for _ in range(repeat):
            body = rows_of(src, max_rows)
            next(body)  # the header
            for row in body:
                n += 1
                tuple_ = "(%d%s%s)" % (n, sep_, sep_.join(quote(v) for v in row))
                if size == 0:
                    out.write(opening)
                    size = len(opening)
                else:
                    out.write(sep)
                out.write(tuple_)
                size += len(tuple_.encode("utf-8")) + len(sep)
                if size >= limit:
                    out.write(close)
                    size = 0
        if size:
            out.write(close)
        out.write(PHPMYADMIN_TAIL if php else MYSQLDUMP_TAIL)


if __name__ == "__main__":
    main()
