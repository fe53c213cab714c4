-- Schema 8: the agreed working time per placement (overeengekomen arbeidsduur,
-- hours per week). BW 7:626 requires it on the payslip; 0 means no fixed
-- hours (an on-call or min-max contract).
ALTER TABLE placements ADD COLUMN agreed_hours TEXT NOT NULL DEFAULT '0';
