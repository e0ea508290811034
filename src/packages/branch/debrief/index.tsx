import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useShown } from '../../../hooks/useShown';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { parkYear, YearPicker } from '../components/year';
import '../branch.scss';

type Rating = '好' | '较好' | '一般' | '差';
const RATINGS: Rating[] = ['好', '较好', '一般', '差'];
type Item = Result<'party', 'listDebriefs'>['branches'][number];

/**
 * 书记述职评议, one year: a secretary writes their branch's 述职 (with an optional attachment
 * link); an admin sees every branch (未提交 first) and rates each submitted 述职 with a comment.
 */
export default function Debrief() {
  const [year, setYear] = useState(parkYear());
  const view = useRemote(() => call('party', 'listDebriefs', { year }), [year]);
  const d = view.data;
  const w = useShown(d?.branches, 10);
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <YearPicker value={year} onPick={setYear} />
          {d && <Text className="rp-text rp-line">{`${year}年度：已提交述职 ${d.branches.filter((b) => b.submitted).length} / ${d.branches.length} 个支部，已评议 ${d.branches.filter((b) => b.rating).length}`}</Text>}
          <Text className="rp-muted rp-line">年底，园区党组织书记对抓基层党建工作进行述职，由党务管理员评议（好、较好、一般、差）。评议后述职不再修改。</Text>
        </View>
        <StateView loading={view.loading && !d} error={view.error} empty={!!d && d.branches.length === 0} emptyTitle="您目前没有负责的支部" onRetry={() => void view.reload()} rows={5}>
          {w.shown.map((b) => (
            <DebriefCard key={`${b.branchId}:${year}`} item={b} year={year} onDone={() => void view.reload()} />
          ))}
          <ShowMore w={w} />
        </StateView>
      </View>
    </PageShell>
  );
}

function DebriefCard({ item, year, onDone }: { item: Item; year: number; onDone: () => void }) {
  const [text, setText] = useState(item.text ?? '');
  const [link, setLink] = useState(item.link ?? '');
  const [rating, setRating] = useState<Rating | null>((item.rating as Rating | null) ?? null);
  const [comment, setComment] = useState(item.comment ?? '');
  const [error, setError] = useState('');
  useEffect(() => setText(item.text ?? ''), [item.text]);
  const submit = useSubmit(async () => {
    setError('');
    if (text.trim().length < 20) return setError('述职内容不少于 20 字。');
    try {
      await call('party', 'setDebrief', { branchId: item.branchId, year, text: text.trim(), link: link.trim() || null });
      void Taro.showToast({ title: '已提交', icon: 'success' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const rate = useSubmit(async () => {
    setError('');
    if (!rating) return setError('请选择评议等次。');
    try {
      await call('party', 'rateDebrief', { branchId: item.branchId, year, rating, comment: comment.trim() || null });
      void Taro.showToast({ title: '已评议', icon: 'success' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const tag = item.rating ? { label: `评议：${item.rating}`, tone: 'done' } : item.submitted ? { label: '待评议', tone: 'active' } : { label: '未提交', tone: 'wait' };
  return (
    <View className="rp-card">
      <View className="rp-between">
        <Text className="rp-name">{item.branchName}</Text>
        <Text className={`bw-tag bw-tag--${tag.tone}`}>{tag.label}</Text>
      </View>
      {item.text && !item.canSubmit ? <Text className="rp-text rp-line">{item.text}</Text> : null}
      {item.link && !item.canSubmit ? <Text className="rp-muted rp-line" userSelect>{`附件：${item.link}`}</Text> : null}
      {item.comment ? <Text className="rp-muted rp-line">{`评语：${item.comment}`}</Text> : null}
      {item.canSubmit && (
        <>
          <TextBox label="述职内容" value={text} onChange={setText} maxLength={5000} multiline tall placeholder="抓基层党建工作的情况、问题和下一步打算" />
          <TextBox label="附件链接（可选）" value={link} onChange={setLink} maxLength={500} placeholder="https://…" />
          <View className="bw-row-actions">
            <Button className="rp-grow" type="primary" size="large" loading={submit.loading} onClick={() => void submit.run()}>
              {item.submitted ? '保存修改' : '提交述职'}
            </Button>
          </View>
        </>
      )}
      {item.canRate && (
        <>
          <PickChips label="评议等次" items={RATINGS.map((r) => ({ value: r, label: r }))} selected={rating} onPick={setRating} />
          <TextBox label="评语（可选）" value={comment} onChange={setComment} maxLength={500} multiline />
          <View className="bw-row-actions">
            <Button className="rp-grow" type="primary" size="large" loading={rate.loading} onClick={() => void rate.run()}>
              {item.rating ? '修改评议' : '提交评议'}
            </Button>
          </View>
        </>
      )}
      {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
    </View>
  );
}
