-- The app's role owns its database but is not a superuser, so row-level security applies to it.
create role dashboard login password 'dashboard';
create database dashboard owner dashboard;
\connect dashboard
create extension if not exists pg_trgm;
