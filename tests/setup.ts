// One time zone for every test run, so office days and calendar months are computed the same on any machine.
process.env.TZ = 'Asia/Shanghai';
