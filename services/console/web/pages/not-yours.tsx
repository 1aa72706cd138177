// Said plainly when a page is not the person's to see.
export function NotYours() {
  return (
    <section class="page">
      <h1>无权查看</h1>
      <p class="problem" role="alert">
        这一工作区不属于您的岗位职责。如需办理，请联系有权限的同事或系统管理员。
      </p>
      <p>
        <a href="#/">回到首页</a>
      </p>
    </section>
  );
}
