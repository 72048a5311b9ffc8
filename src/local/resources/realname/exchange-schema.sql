-- The exchange database of the real-name skills-training system (职业技能培训实名制), as the hub reads it.
-- The source system writes these tables; the hub only reads the hub_*_feed views, by keyset (updated_at, id).
-- Every table has updated_at (set on insert and update) and a bigserial id: together they are the feed's cursor.
-- No foreign keys: an exchange database is written by another system, and the hub must cope with whatever
-- arrives (a row that cannot be mapped becomes a reject, not a failed poll).
-- ${schema} is replaced by the configured schema name.

CREATE SCHEMA IF NOT EXISTS ${schema};

-- 培训计划: filed with the city HRSS bureau at least 10 days before the class opens.
CREATE TABLE IF NOT EXISTS ${schema}.training_plan (
    id                   bigserial PRIMARY KEY,
    plan_no              varchar(40)  NOT NULL UNIQUE,
    institution_name     varchar(100),
    occupation_code      varchar(20),      -- the plan's edition (2-02-10-09) or the 2022 edition (2-02-38-xx)
    level                varchar(20),      -- 初级 / 中级 / 高级
    filed_on             date,
    total_hours          numeric(7, 1),
    planned_online_hours numeric(7, 1),
    updated_at           timestamptz  NOT NULL DEFAULT now()
);

-- 培训班: a class opened under a plan.
CREATE TABLE IF NOT EXISTS ${schema}.training_class (
    id         bigserial PRIMARY KEY,
    class_no   varchar(40) NOT NULL UNIQUE,
    plan_no    varchar(40),
    starts_on  date,
    ends_on    date,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- 学员报名: a trainee under their real identity.
CREATE TABLE IF NOT EXISTS ${schema}.enrolment (
    id           bigserial PRIMARY KEY,
    enrolment_no varchar(40) NOT NULL UNIQUE,
    class_no     varchar(40),
    id_number    varchar(20),
    full_name    varchar(50),
    phone        varchar(20),
    payment_mode varchar(30),                -- INSTITUTION_ADVANCE 先垫后补 / TRAINEE_DIRECT 先缴后补、直补个人
    enrolled_on  date,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
-- 二、培育对象 (issue 17): the trainee's group, school, graduation and province, where the system records them.
-- Added to a table that may exist already, so ADD COLUMN IF NOT EXISTS. trainee_category: EMPLOYED_DIGITAL_ECONOMY,
-- ABOUT_TO_WORK_DIGITAL_ECONOMY, NEW_FORMS_OR_FREELANCE, GRADUATING_STUDENT, UNEMPLOYED_GRADUATE or OTHER; school_type:
-- FULL_TIME_COLLEGE, TECHNICAL_SCHOOL_SENIOR_CLASS, PREPARATORY_TECHNICIAN_CLASS, TECHNICIAN_CLASS,
-- SPECIAL_EDUCATION_VOCATIONAL or OTHER; graduated_on: a student's expected graduation, a graduate's day of leaving
-- school; in_province: 省内.
ALTER TABLE ${schema}.enrolment ADD COLUMN IF NOT EXISTS trainee_category varchar(40);
ALTER TABLE ${schema}.enrolment ADD COLUMN IF NOT EXISTS school_type varchar(40);
ALTER TABLE ${schema}.enrolment ADD COLUMN IF NOT EXISTS graduated_on date;
ALTER TABLE ${schema}.enrolment ADD COLUMN IF NOT EXISTS in_province boolean;

-- 学时: hours attended so far, one row per enrolment, updated as the training goes on.
CREATE TABLE IF NOT EXISTS ${schema}.training_hours (
    id            bigserial PRIMARY KEY,
    enrolment_no  varchar(40) NOT NULL UNIQUE,
    online_hours  numeric(7, 1),
    offline_hours numeric(7, 1),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- 结业: completion exam passed, training certificate (培训合格证书) issued, trainee list reported.
CREATE TABLE IF NOT EXISTS ${schema}.completion (
    id               bigserial PRIMARY KEY,
    enrolment_no     varchar(40) NOT NULL UNIQUE,
    completed_on     date,
    certificate_no   varchar(40),
    list_reported_on date,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS training_class_cursor ON ${schema}.training_class (updated_at, id);
CREATE INDEX IF NOT EXISTS enrolment_cursor ON ${schema}.enrolment (updated_at, id);
CREATE INDEX IF NOT EXISTS training_hours_cursor ON ${schema}.training_hours (updated_at, id);
CREATE INDEX IF NOT EXISTS completion_cursor ON ${schema}.completion (updated_at, id);

-- The feeds the hub polls: each row of the driving table with what its event needs from the others.
CREATE OR REPLACE VIEW ${schema}.hub_class_feed AS
SELECT c.id, c.updated_at, c.class_no, c.starts_on, c.ends_on,
       p.plan_no, p.institution_name, p.occupation_code, p.level, p.filed_on, p.total_hours, p.planned_online_hours
  FROM ${schema}.training_class c
  LEFT JOIN ${schema}.training_plan p ON p.plan_no = c.plan_no;

CREATE OR REPLACE VIEW ${schema}.hub_enrolment_feed AS
SELECT e.id, e.updated_at, e.enrolment_no, e.id_number, e.full_name, e.phone, e.payment_mode, e.enrolled_on,
       e.class_no, c.starts_on, p.plan_no, p.institution_name, p.occupation_code, p.level,
       e.trainee_category, e.school_type, e.graduated_on, e.in_province
  FROM ${schema}.enrolment e
  LEFT JOIN ${schema}.training_class c ON c.class_no = e.class_no
  LEFT JOIN ${schema}.training_plan p ON p.plan_no = c.plan_no;

CREATE OR REPLACE VIEW ${schema}.hub_hours_feed AS
SELECT h.id, h.updated_at, h.enrolment_no, h.online_hours, h.offline_hours,
       e.id_number, e.class_no, p.total_hours
  FROM ${schema}.training_hours h
  LEFT JOIN ${schema}.enrolment e ON e.enrolment_no = h.enrolment_no
  LEFT JOIN ${schema}.training_class c ON c.class_no = e.class_no
  LEFT JOIN ${schema}.training_plan p ON p.plan_no = c.plan_no;

CREATE OR REPLACE VIEW ${schema}.hub_completion_feed AS
SELECT k.id, k.updated_at, k.enrolment_no, k.completed_on, k.certificate_no, k.list_reported_on,
       e.id_number, e.payment_mode, e.class_no, c.starts_on,
       p.institution_name, p.occupation_code, p.level, p.total_hours, h.online_hours, h.offline_hours
  FROM ${schema}.completion k
  LEFT JOIN ${schema}.enrolment e ON e.enrolment_no = k.enrolment_no
  LEFT JOIN ${schema}.training_class c ON c.class_no = e.class_no
  LEFT JOIN ${schema}.training_plan p ON p.plan_no = c.plan_no
  LEFT JOIN ${schema}.training_hours h ON h.enrolment_no = k.enrolment_no;
